package org.openspr.query.resources;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Function;
import org.openspr.audit.projection.AccessLogPage;
import org.openspr.audit.projection.AccessLogQuery;
import org.openspr.audit.projection.LogOrder;
import org.openspr.events.avro.RecordAccessed;
import org.openspr.query.QueryErrorCode;
import org.openspr.query.QueryException;
import org.openspr.query.api.AccessLogEntryView;

/**
 * The access-log endpoints' query parameters ({@code from}, {@code to}, {@code limit}, {@code order},
 * {@code cursor}) and their answer: a page of entries, newest first unless {@code order=oldest}, with a
 * {@code Link: <…>; rel="next"} header when the window holds more. The next link repeats the request with the
 * cursor of the page's last entry, so paging neither skips nor repeats an access.
 */
final class AccessLogPaging {
    private AccessLogPaging() {
    }

    static AccessLogQuery query(String from, String to, Integer limit, String order, String cursor, int maxEntries) {
        Instant start = RequestParams.instant("from", from, false);
        Instant end = RequestParams.instant("to", to, true);
        start = start == null ? Instant.EPOCH : start;
        end = end == null ? Instant.now().plusSeconds(1) : end; // an access recorded a moment ago, by a clock a little ahead
        if (!start.isBefore(end)) {
            throw new QueryException(400, QueryErrorCode.BAD_PARAMETER, "from/to", "the window from " + start + " to " + end
                    + " is empty or reversed");
        }
        return new AccessLogQuery(start, end, RequestParams.limit(limit, maxEntries), order(order), decode(cursor));
    }

    static Response answer(AccessLogPage page, UriInfo uri, Function<RecordAccessed, AccessLogEntryView> view) {
        Response.ResponseBuilder answer = Response.ok(page.entries().stream().map(view).toList());
        if (page.nextAfter() != null) {
            URI next = uri.getRequestUriBuilder().replaceQueryParam("cursor", encode(page.nextAfter())).build();
            answer.header("Link", "<" + next.getRawPath() + "?" + next.getRawQuery() + ">; rel=\"next\"");
        }
        return answer.build();
    }

    private static LogOrder order(String raw) {
        if (raw == null || raw.isBlank()) {
            return LogOrder.NEWEST_FIRST;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "newest" -> LogOrder.NEWEST_FIRST;
            case "oldest" -> LogOrder.OLDEST_FIRST;
            default -> throw new QueryException(400, QueryErrorCode.BAD_PARAMETER, "order", "'newest' or 'oldest', not '" + raw + "'");
        };
    }

    private static String encode(String storeKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(storeKey.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new QueryException(400, QueryErrorCode.BAD_PARAMETER, "cursor", "not a cursor this server issued");
        }
    }
}

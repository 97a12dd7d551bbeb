package org.openspr.audit.projection;

import java.time.Instant;
import java.util.Objects;
import org.openspr.audit.AuditErrorCode;
import org.openspr.events.errors.SprException;

/**
 * One page's worth of an access log: the accesses in [from, to), in {@code order}, at most {@code limit}, continuing
 * after the entry whose store key is {@code after} (from {@link AccessLogPage#nextAfter()}; null for the first page).
 */
public record AccessLogQuery(Instant from, Instant to, int limit, LogOrder order, String after) {
    public AccessLogQuery {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(order, "order");
        if (!from.isBefore(to)) {
            throw new SprException(AuditErrorCode.BAD_TIME_RANGE, from, to);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
    }

    /** The first page of the window. */
    public static AccessLogQuery first(Instant from, Instant to, int limit, LogOrder order) {
        return new AccessLogQuery(from, to, limit, order, null);
    }
}

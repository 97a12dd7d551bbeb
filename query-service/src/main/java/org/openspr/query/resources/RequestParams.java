package org.openspr.query.resources;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.openspr.query.QueryErrorCode;
import org.openspr.query.QueryException;
import org.openspr.query.core.Section;

/** Parses query parameters, answering 400 with SPR-4041 for anything malformed. */
public final class RequestParams {
    /** Header carrying a break-glass reason; a {@code breakGlassReason} query parameter works too. */
    public static final String BREAK_GLASS_HEADER = "X-Break-Glass-Reason";

    private RequestParams() {
    }

    static Set<Section> sections(String raw) {
        Set<Section> sections = EnumSet.noneOf(Section.class);
        if (raw == null || raw.isBlank()) {
            return sections;
        }
        for (String name : raw.split(",")) {
            try {
                sections.add(Section.valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw new QueryException(400, QueryErrorCode.BAD_PARAMETER, "sections", "unknown section '" + name.strip() + "'");
            }
        }
        return sections;
    }

    /** An instant or a date (a date as 'from' means its start, as 'to' its end). */
    public static Instant instant(String name, String raw, boolean endOfDay) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            if (raw.length() == 10) {
                LocalDate date = LocalDate.parse(raw);
                return endOfDay ? date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)
                        : date.atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new QueryException(400, QueryErrorCode.BAD_PARAMETER, name, "not an ISO-8601 date or instant: " + raw);
        }
    }

    static String breakGlass(String header, String parameter) {
        return header != null && !header.isBlank() ? header : parameter;
    }

    static int limit(Integer raw, int max) {
        if (raw == null) {
            return max;
        }
        if (raw < 1) {
            throw new QueryException(400, QueryErrorCode.BAD_PARAMETER, "limit", "must be at least 1");
        }
        return Math.min(raw, max);
    }
}

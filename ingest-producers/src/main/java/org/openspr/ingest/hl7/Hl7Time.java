package org.openspr.ingest.hl7;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HL7 v2 TS/DTM values: YYYY[MM[DD[HH[MM[SS[.S+]]]]]][+/-ZZZZ]; without an offset the time is UK local time. */
final class Hl7Time {
    private static final ZoneId UK = ZoneId.of("Europe/London");
    private static final Pattern TS = Pattern.compile("(\\d{4})(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(?:\\.(\\d{1,4}))?([+-]\\d{4})?");

    private Hl7Time() {
    }

    /** Null for absent or unreadable values: a bad clinical time should not lose the whole result. */
    static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = TS.matcher(value.trim());
        if (!m.matches()) {
            return null;
        }
        try {
            int nanos = m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "000000000").substring(0, 9));
            LocalDateTime local = LocalDateTime.of(num(m.group(1), 1), num(m.group(2), 1), num(m.group(3), 1),
                    num(m.group(4), 0), num(m.group(5), 0), num(m.group(6), 0), nanos);
            if (m.group(8) != null) {
                return local.toInstant(ZoneOffset.of(m.group(8).substring(0, 3) + ":" + m.group(8).substring(3)));
            }
            return local.atZone(UK).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static LocalDate date(String value) {
        if (value == null || value.length() < 8) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(value.substring(0, 4)), Integer.parseInt(value.substring(4, 6)),
                    Integer.parseInt(value.substring(6, 8)));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static int num(String digits, int absent) {
        return digits == null ? absent : Integer.parseInt(digits);
    }
}

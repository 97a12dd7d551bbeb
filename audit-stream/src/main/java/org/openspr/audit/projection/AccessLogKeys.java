package org.openspr.audit.projection;

import java.time.Instant;

/**
 * Composite store keys {@code subject|occurredAt|auditId}, with occurredAt as 13 zero-padded epoch-millisecond
 * digits so byte order is time order: one subject's accesses in a time window are one range scan. Subjects
 * (NHS numbers, user ids) must not contain '|'.
 */
public final class AccessLogKeys {
    private static final char SEPARATOR = '|';

    private AccessLogKeys() {
    }

    public static String key(String subject, Instant occurredAt, String auditId) {
        return prefix(subject, occurredAt) + auditId;
    }

    /** Lowest key of the range [from, ...): sorts before every key of that subject at or after {@code from}. */
    public static String lowerBound(String subject, Instant from) {
        return prefix(subject, from);
    }

    /**
     * Inclusive upper bound that still excludes {@code to}: {@code subject|to|} sorts after every key with an
     * earlier time and before every key at {@code to} (those have an auditId after the separator).
     */
    public static String upperBoundExclusive(String subject, Instant to) {
        return prefix(subject, to);
    }

    /** Whether {@code key} is a key of {@code subject}'s log (a cursor handed back by a client must be). */
    public static boolean belongsTo(String key, String subject) {
        return key.length() > subject.length() + 1 && key.startsWith(subject) && key.charAt(subject.length()) == SEPARATOR;
    }

    private static String prefix(String subject, Instant at) {
        long millis = Math.max(0, Math.min(at.toEpochMilli(), 9_999_999_999_999L));
        return subject + SEPARATOR + String.format("%013d", millis) + SEPARATOR;
    }
}

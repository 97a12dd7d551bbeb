package org.openspr.projector.record;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.openspr.events.avro.RecordSection;

/**
 * What part of a record to read.
 *
 * @param sections              sections to include; empty means all
 * @param from                  earliest clinical time to include (inclusive), or null
 * @param to                    latest clinical time to include (inclusive), or null
 * @param includeEnteredInError whether withdrawn items are returned (with their history) as well
 */
public record RecordQuery(Set<RecordSection> sections, Instant from, Instant to, boolean includeEnteredInError) {

    public RecordQuery {
        sections = sections.isEmpty() ? EnumSet.allOf(RecordSection.class) : EnumSet.copyOf(sections);
    }

    public static RecordQuery all() {
        return new RecordQuery(Set.of(), null, null, false);
    }

    public static RecordQuery sections(RecordSection first, RecordSection... more) {
        return new RecordQuery(EnumSet.of(first, more), null, null, false);
    }

    public RecordQuery between(Instant fromInclusive, Instant toInclusive) {
        return new RecordQuery(sections, fromInclusive, toInclusive, includeEnteredInError);
    }

    public RecordQuery withEnteredInError() {
        return new RecordQuery(sections, from, to, true);
    }

    boolean timeBounded() {
        return from != null || to != null;
    }

    long fromMillis() {
        return from == null ? Long.MIN_VALUE / 4 : from.toEpochMilli();
    }

    long toMillis() {
        return to == null ? Long.MAX_VALUE / 4 : to.toEpochMilli();
    }
}

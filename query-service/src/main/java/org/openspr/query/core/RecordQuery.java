package org.openspr.query.core;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * What to read from the stores.
 *
 * @param sections sections to read; never empty
 * @param from     earliest clinical time (inclusive), or null
 * @param to       latest clinical time (inclusive), or null
 */
public record RecordQuery(Set<Section> sections, Instant from, Instant to) {

    public RecordQuery {
        sections = sections.isEmpty() ? EnumSet.allOf(Section.class) : EnumSet.copyOf(sections);
    }

    public static RecordQuery all() {
        return new RecordQuery(Set.of(), null, null);
    }

    public boolean timeBounded() {
        return from != null || to != null;
    }
}

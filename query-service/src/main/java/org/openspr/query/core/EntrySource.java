package org.openspr.query.core;

import java.time.Instant;

/** One system that contributed to a record entry (an entry may be the same fact from several sources). */
public record EntrySource(String itemId, String odsCode, String system, Instant recordedAt, boolean withdrawn) {
}

package org.openspr.events.topics;

import java.util.Map;

/**
 * A topic's name and the settings it is created with. Names appear only in {@link Topics}; everything
 * else refers to them through it.
 *
 * @param name        topic name
 * @param partitions  partitions to create with (the key decides ordering: all events of one key keep their order)
 * @param compacted   true for a changelog-style topic keeping the latest value per key
 * @param retentionMs retention for non-compacted topics, -1 for forever (the log is the source of truth)
 * @param purpose     one line for operators (shown by {@code spr status})
 */
public record TopicDefinition(String name, int partitions, boolean compacted, long retentionMs, String purpose) {

    /** Topic-level configs to create with. */
    public Map<String, String> configs() {
        return compacted
                ? Map.of("cleanup.policy", "compact")
                : Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(retentionMs));
    }

    /** Conventional dead-letter topic name for records that failed on their way out of this topic. */
    public String deadLetterName() {
        return name + ".dlq";
    }
}

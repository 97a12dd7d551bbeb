package org.openspr.events.topics;

import org.apache.kafka.common.serialization.Serde;

/** A topic bound to its key and value serdes: the only way code reads or writes a topic. */
public record Topic<K, V>(TopicDefinition definition, Serde<K> keySerde, Serde<V> valueSerde) {

    public String name() {
        return definition.name();
    }
}

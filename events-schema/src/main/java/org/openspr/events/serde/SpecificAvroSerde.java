package org.openspr.events.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.openspr.events.registry.SchemaRegistryClient;

/** Serde for a specific Avro class in the Confluent wire format, for producers, consumers and Kafka Streams. */
public final class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {
    private final SpecificAvroSerializer<T> serializer;
    private final SpecificAvroDeserializer<T> deserializer;

    public SpecificAvroSerde(Class<T> type, SchemaRegistryClient registry, boolean autoRegister, boolean isKey) {
        this.serializer = new SpecificAvroSerializer<>(registry, autoRegister, isKey);
        this.deserializer = new SpecificAvroDeserializer<>(type, registry);
    }

    /** A value serde that registers schemas on first use. */
    public static <T extends SpecificRecord> SpecificAvroSerde<T> forValues(Class<T> type, SchemaRegistryClient registry) {
        return new SpecificAvroSerde<>(type, registry, true, false);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Built with its registry client; nothing to configure.
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}

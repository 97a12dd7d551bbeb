package org.openspr.projector.record;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Deserializer;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.registry.SchemaRegistryClient;
import org.openspr.events.serde.ConfluentWireFormat;

/**
 * Reads clinical events like the topic's own deserializer, and {@link RetainedEncodings remembers} the bytes of those
 * written with the current ClinicalEvent schema, so the record store can copy them instead of encoding again.
 */
public final class RetainingEventDeserializer implements Deserializer<ClinicalEvent> {
    private final Deserializer<ClinicalEvent> events;
    private final SchemaRegistryClient registry;
    private final Map<Integer, Boolean> currentSchema = new ConcurrentHashMap<>();

    public RetainingEventDeserializer(Deserializer<ClinicalEvent> events, SchemaRegistryClient registry) {
        this.events = events;
        this.registry = registry;
    }

    @Override
    public ClinicalEvent deserialize(String topic, byte[] data) {
        ClinicalEvent event = events.deserialize(topic, data);
        if (event != null && currentSchema.computeIfAbsent(ConfluentWireFormat.schemaId(data),
                id -> registry.getById(id).equals(ClinicalEvent.getClassSchema()))) {
            RetainedEncodings.remember(event, data);
        }
        return event;
    }

    @Override
    public void close() {
        events.close();
    }
}

package org.openspr.events.serde;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.openspr.events.errors.SprErrorCode;
import org.openspr.events.errors.SprException;
import org.openspr.events.registry.RestSchemaRegistryClient;
import org.openspr.events.registry.SchemaRegistryClient;
import org.openspr.events.registry.SchemaRegistryException;

/**
 * Reads Confluent wire format into a specific Avro class. The writer's schema comes from the registry by id;
 * Avro's schema resolution maps it onto the reader's (the generated class's) schema, so older and newer
 * writers can be read as long as the schemas are compatible.
 */
public final class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    private final Class<T> type;
    private final Schema readerSchema;
    private SchemaRegistryClient registry;
    private final Map<Integer, SpecificDatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

    public SpecificAvroDeserializer(Class<T> type) {
        AvroClassTrust.install();
        this.type = type;
        this.readerSchema = SpecificData.get().getSchema(type);
    }

    public SpecificAvroDeserializer(Class<T> type, SchemaRegistryClient registry) {
        this(type);
        this.registry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.registry = new RestSchemaRegistryClient(SerdeConfig.registryUrl(configs));
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null; // tombstone
        }
        int schemaId;
        try {
            schemaId = ConfluentWireFormat.schemaId(data);
        } catch (SprException e) {
            throw new SerializationException(e.getMessage(), e);
        }
        SpecificDatumReader<T> reader = readersByWriterId.computeIfAbsent(schemaId, this::readerFor);
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, ConfluentWireFormat.HEADER_LENGTH,
                    data.length - ConfluentWireFormat.HEADER_LENGTH, decoders.get());
            decoders.set(decoder);
            T record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new IllegalStateException((data.length - ConfluentWireFormat.HEADER_LENGTH)
                        + " bytes of body but the record ended early: trailing bytes");
            }
            return record;
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            // Garbage that happens to start with 0 + a known id can make Avro ask for absurd lengths.
            throw new SerializationException(
                    SprErrorCode.WIRE_FORMAT_UNDECODABLE.format(schemaId, type.getSimpleName(), String.valueOf(e.getMessage())), e);
        }
    }

    private SpecificDatumReader<T> readerFor(int schemaId) {
        Schema writerSchema;
        try {
            writerSchema = registry.getById(schemaId);
        } catch (SchemaRegistryException e) {
            if (e.httpStatus() == 404) {
                throw new SerializationException(
                        SprErrorCode.WIRE_FORMAT_UNKNOWN_SCHEMA.format(schemaId, registry.describe()), e);
            }
            throw new SerializationException(e.getMessage(), e);
        }
        return new SpecificDatumReader<>(writerSchema, readerSchema);
    }
}

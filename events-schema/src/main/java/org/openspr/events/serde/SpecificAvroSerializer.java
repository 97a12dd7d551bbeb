package org.openspr.events.serde;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.openspr.events.errors.SprErrorCode;
import org.openspr.events.registry.RestSchemaRegistryClient;
import org.openspr.events.registry.SchemaRegistryClient;
import org.openspr.events.registry.SubjectNames;

/** Writes specific Avro records in the Confluent wire format, registering (or looking up) the schema under TopicNameStrategy. */
public final class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    private SchemaRegistryClient registry;
    private boolean autoRegister = true;
    private boolean isKey;
    private final Map<String, String> subjects = new ConcurrentHashMap<>(); // topic -> subject, named once per topic
    private final Map<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Schema, CompiledWriter> writers = new ConcurrentHashMap<>();
    private final ThreadLocal<ByteArrayOutputStream> buffers = ThreadLocal.withInitial(() -> new ByteArrayOutputStream(1024));
    private final ThreadLocal<BinaryEncoder> encoders = new ThreadLocal<>();

    /** For Kafka's reflective construction; {@link #configure} must follow. */
    public SpecificAvroSerializer() {
    }

    public SpecificAvroSerializer(SchemaRegistryClient registry, boolean autoRegister, boolean isKey) {
        this.registry = registry;
        this.autoRegister = autoRegister;
        this.isKey = isKey;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.registry = new RestSchemaRegistryClient(SerdeConfig.registryUrl(configs));
        this.autoRegister = SerdeConfig.autoRegister(configs);
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null; // tombstone
        }
        Schema schema = record.getSchema();
        String subject = subjects.computeIfAbsent(topic, t -> SubjectNames.forTopic(t, isKey));
        int schemaId = ids.computeIfAbsent(new SubjectSchema(subject, schema), this::resolveId);
        try {
            ByteArrayOutputStream buffer = buffers.get();
            buffer.reset();
            buffer.write(ConfluentWireFormat.MAGIC_BYTE);
            buffer.write(schemaId >>> 24);
            buffer.write(schemaId >>> 16);
            buffer.write(schemaId >>> 8);
            buffer.write(schemaId);
            BinaryEncoder reused = encoders.get();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(buffer, reused);
            if (encoder != reused) {
                encoders.set(encoder); // the first call on this thread; later calls re-point the same encoder
            }
            writers.computeIfAbsent(schema, SpecificAvroSerializer::newWriter).write(record, encoder);
            encoder.flush();
            return buffer.toByteArray();
        } catch (Exception e) {
            throw new SerializationException(
                    SprErrorCode.WIRE_FORMAT_UNENCODABLE.format(schema.getFullName(), e.getMessage()), e);
        }
    }

    /** The writer for records of this schema, with the conversions of its generated class (timestamps, dates). */
    static CompiledWriter newWriter(Schema schema) {
        AvroClassTrust.install(); // the model looks up the generated classes by name
        return CompiledWriter.of(schema, SpecificData.getForSchema(schema));
    }

    private int resolveId(SubjectSchema key) {
        return autoRegister ? registry.register(key.subject(), key.schema()) : registry.lookup(key.subject(), key.schema()).id();
    }

    private record SubjectSchema(String subject, Schema schema) {
    }
}

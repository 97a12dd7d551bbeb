package org.openspr.events.serde;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
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
    private final Map<Schema, SpecificDatumWriter<T>> writers = new ConcurrentHashMap<>();
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

    /**
     * A writer whose model lets generated classes encode themselves: Avro generates {@code customEncode} for every record
     * without logical types (codings, concepts, quantities, identifiers), which writes the fields directly instead of
     * resolving each one, and each union branch, through the schema. The bytes are the same; the model is the writer's
     * own, so readers are not affected.
     */
    static <T> SpecificDatumWriter<T> newWriter(Schema schema) {
        AvroClassTrust.install(); // the model looks up the generated classes by name
        SpecificData generated = SpecificData.getForSchema(schema);
        SpecificData model = new WriterModel(generated.getClassLoader());
        generated.getConversions().forEach(model::addLogicalTypeConversion);
        model.setCustomCoders(true);
        return new SpecificDatumWriter<>(schema, model);
    }

    /**
     * The writer's model. Records with logical types (timestamps) cannot encode themselves and go through the schema,
     * where each optional field (a union of null and one type) would be resolved by the name of its value's schema, a
     * map lookup per field: here null picks the null branch and anything else the other, which is the branch Avro
     * would find for any value a record's typed setters accept.
     */
    private static final class WriterModel extends SpecificData {
        WriterModel(ClassLoader loader) {
            super(loader);
        }

        @Override
        public int resolveUnion(Schema union, Object datum) {
            java.util.List<Schema> branches = union.getTypes();
            if (branches.size() == 2) {
                int nullAt = branches.get(0).getType() == Schema.Type.NULL ? 0 : branches.get(1).getType() == Schema.Type.NULL ? 1 : -1;
                if (nullAt >= 0) {
                    return datum == null ? nullAt : 1 - nullAt;
                }
            }
            return super.resolveUnion(union, datum);
        }
    }

    private int resolveId(SubjectSchema key) {
        return autoRegister ? registry.register(key.subject(), key.schema()) : registry.lookup(key.subject(), key.schema()).id();
    }

    private record SubjectSchema(String subject, Schema schema) {
    }
}

package org.openspr.events.serde;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
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
    private static final int RETAINED_BUFFER_LIMIT = 1 << 20; // a thread keeps at most this much after a huge record
    private SchemaRegistryClient registry;
    private boolean autoRegister = true;
    private boolean isKey;
    private final Map<String, String> subjects = new ConcurrentHashMap<>(); // topic -> subject, named once per topic
    private final Map<SubjectSchema, byte[]> headers = new ConcurrentHashMap<>(); // the wire format's, naming the schema's id
    private final Map<Schema, SpecificDatumWriter<T>> writers = new ConcurrentHashMap<>();
    private final ThreadLocal<ArrayBinaryEncoder> encoders = ThreadLocal.withInitial(() -> new ArrayBinaryEncoder(1024));

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
        byte[] header = headers.computeIfAbsent(new SubjectSchema(subject, schema), this::header);
        ArrayBinaryEncoder encoder = encoders.get();
        encoder.reset();
        try {
            encoder.writeFixed(header);
            writers.computeIfAbsent(schema, SpecificAvroSerializer::newWriter).write(record, encoder);
            return encoder.toByteArray();
        } catch (Exception e) {
            throw new SerializationException(
                    SprErrorCode.WIRE_FORMAT_UNENCODABLE.format(schema.getFullName(), e.getMessage()), e);
        } finally {
            if (encoder.capacity() > RETAINED_BUFFER_LIMIT) {
                encoders.remove();
            }
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

    private byte[] header(SubjectSchema key) {
        int id = autoRegister ? registry.register(key.subject(), key.schema()) : registry.lookup(key.subject(), key.schema()).id();
        return new byte[] {ConfluentWireFormat.MAGIC_BYTE, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
    }

    private record SubjectSchema(String subject, Schema schema) {
    }
}

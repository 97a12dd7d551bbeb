package org.openspr.projector.record;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.openspr.events.avro.Coding;
import org.openspr.events.avro.ItemSource;
import org.openspr.events.avro.RecordItem;
import org.openspr.events.errors.SprErrorCode;
import org.openspr.events.registry.SchemaRegistryClient;
import org.openspr.events.registry.SubjectNames;
import org.openspr.events.serde.ConfluentWireFormat;

/**
 * Writes record items to the view-changes topic in the Confluent wire format, byte for byte what the generic Avro
 * writer produces, but encoding each version once and copying it where the item names it again (current, sources).
 * The field order is checked against the generated schema when the class loads, and a test compares the bytes.
 */
public final class ViewChangeSerializer implements Serializer<RecordItem> {
    private static final List<String> FIELDS = List.of("nhsNumber", "section", "itemId", "current", "enteredInError", "conflict",
            "clinicalTime", "sensitivity", "sources", "history");
    private static final List<String> SOURCE_FIELDS = List.of("itemId", "odsCode", "system", "recordedAt", "withdrawn", "latest");
    private static final SpecificDatumWriter<Coding> CODINGS = new SpecificDatumWriter<>(Coding.getClassSchema());

    static {
        if (!names(RecordItem.getClassSchema()).equals(FIELDS) || !names(ItemSource.getClassSchema()).equals(SOURCE_FIELDS)) {
            throw new IllegalStateException("RecordItem or ItemSource changed: update ViewChangeSerializer to the new field order");
        }
    }

    private final SchemaRegistryClient registry;
    private final Map<String, Integer> schemaIds = new ConcurrentHashMap<>();
    private final ThreadLocal<Writing> writing = ThreadLocal.withInitial(Writing::new);

    public ViewChangeSerializer(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    @Override
    public byte[] serialize(String topic, RecordItem item) {
        if (item == null) {
            return null; // tombstone: the key was retired
        }
        int schemaId = schemaIds.computeIfAbsent(topic, t -> registry.register(SubjectNames.forTopic(t, false), RecordItem.getClassSchema()));
        Writing w = writing.get();
        try {
            EncodedVersions versions = EncodedVersions.of(item);
            w.out.reset();
            w.out.write(ConfluentWireFormat.MAGIC_BYTE);
            w.out.writeInt(schemaId);
            BinaryEncoder e = w.encoder = EncoderFactory.get().binaryEncoder(w.out, w.encoder);
            e.writeString(item.getNhsNumber());
            e.writeEnum(item.getSection().ordinal());
            e.writeString(item.getItemId());
            if (item.getCurrent() == null) {
                e.writeIndex(0);
            } else {
                e.writeIndex(1);
                writeVersion(e, versions, item.getCurrent());
            }
            e.writeBoolean(item.getEnteredInError());
            e.writeBoolean(item.getConflict());
            if (item.getClinicalTime() == null) {
                e.writeIndex(0);
            } else {
                e.writeIndex(1);
                e.writeLong(item.getClinicalTime().toEpochMilli());
            }
            e.writeArrayStart();
            e.setItemCount(item.getSensitivity().size());
            for (Coding label : item.getSensitivity()) {
                e.startItem();
                CODINGS.write(label, e);
            }
            e.writeArrayEnd();
            e.writeArrayStart();
            e.setItemCount(item.getSources().size());
            for (ItemSource source : item.getSources()) {
                e.startItem();
                e.writeString(source.getItemId());
                e.writeString(source.getOdsCode());
                e.writeString(source.getSystem());
                e.writeLong(source.getRecordedAt().toEpochMilli());
                e.writeBoolean(source.getWithdrawn());
                writeVersion(e, versions, source.getLatest());
            }
            e.writeArrayEnd();
            e.writeArrayStart();
            e.setItemCount(versions.size());
            for (int i = 0; i < versions.size(); i++) {
                e.startItem();
                versions.writeTo(e, i);
            }
            e.writeArrayEnd();
            e.flush();
            return w.out.toByteArray();
        } catch (IOException | RuntimeException ex) {
            throw new SerializationException(SprErrorCode.WIRE_FORMAT_UNENCODABLE.format(RecordItem.class.getName(), ex.getMessage()), ex);
        }
    }

    private static void writeVersion(BinaryEncoder e, EncodedVersions versions, org.openspr.events.avro.ClinicalEvent version) throws IOException {
        int index = versions.indexOf(version);
        if (index >= 0) {
            versions.writeTo(e, index);
        } else {
            EncodedVersions.writeOther(e, version);
        }
    }

    private static List<String> names(Schema schema) {
        return schema.getFields().stream().map(Schema.Field::name).toList();
    }

    private static final class Writing {
        final ByteSink out = new ByteSink();
        BinaryEncoder encoder;
    }
}

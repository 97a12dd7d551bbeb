package org.openspr.projector.record;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.ItemSource;
import org.openspr.events.avro.RecordItem;
import org.openspr.events.avro.RecordSection;
import org.openspr.events.errors.SprErrorCode;
import org.openspr.events.registry.SchemaRegistryClient;
import org.openspr.events.serde.ConfluentWireFormat;
import org.openspr.events.serde.SpecificAvroSerde;

/**
 * How the {@link RecordStores#RECORD_ITEMS} store keeps an item: every version once. A {@link RecordItem} names a
 * version up to three times (history, a source's latest, current); here the history is written once and current and
 * sources are indices into it; what follows from a version (a source's ods code, system, recordedAt, withdrawn;
 * sensitivity) is rebuilt from it on read. Readers get the same {@code RecordItem} as before. Reading from the store
 * does not decode: the store hands out {@link StoredItem}s, which decode on first use.
 *
 * <p>Layout: format byte {@code 1}, the ClinicalEvent writer-schema id (4 bytes, big-endian; registered under
 * {@code <changelog>-version} so versions written by an older projector stay readable), then Avro binary: nhsNumber,
 * section name, itemId, enteredInError, conflict, clinicalTime (boolean present + long millis), history (count +
 * ClinicalEvents), current index (-1 = none), sources (count + history indices). Values whose first byte is the
 * Confluent magic byte {@code 0} (stores written before this format) are read as full RecordItems.
 */
public final class StoredItemSerde implements Serde<StoredItem> {
    static final byte FORMAT = 1;
    private static final Schema EVENT_SCHEMA = ClinicalEvent.getClassSchema();

    private final SchemaRegistryClient registry;
    private final SpecificAvroSerde<RecordItem> fullItems;
    private final Map<String, Integer> eventSchemaIds = new ConcurrentHashMap<>();
    private final Map<Integer, SpecificDatumReader<ClinicalEvent>> readers = new ConcurrentHashMap<>();
    private final ThreadLocal<Writing> writing = ThreadLocal.withInitial(Writing::new);
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();
    private final Serializer<StoredItem> serializer = (topic, stored) -> stored == null ? null
            : stored.bytes() != null ? stored.bytes() : encode(topic, stored.item());
    private final Deserializer<StoredItem> deserializer = (topic, data) -> data == null ? null
            : StoredItem.stored(data, bytes -> decode(topic, bytes));

    public StoredItemSerde(SchemaRegistryClient registry) {
        this.registry = registry;
        this.fullItems = SpecificAvroSerde.forValues(RecordItem.class, registry); // also trusts the generated classes
    }

    @Override
    public Serializer<StoredItem> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<StoredItem> deserializer() {
        return deserializer;
    }

    /** The stored form of an item written to {@code topic} (the store's changelog). */
    public byte[] encode(String topic, RecordItem item) {
        if (item == null) {
            return null;
        }
        int schemaId = eventSchemaIds.computeIfAbsent(topic, t -> registry.register(subject(t), EVENT_SCHEMA));
        Writing w = writing.get();
        try {
            EncodedVersions versions = EncodedVersions.of(item);
            w.out.reset();
            w.out.write(FORMAT);
            w.out.writeInt(schemaId);
            BinaryEncoder e = w.encoder = EncoderFactory.get().binaryEncoder(w.out, w.encoder);
            e.writeString(item.getNhsNumber());
            e.writeString(item.getSection().name());
            e.writeString(item.getItemId());
            e.writeBoolean(item.getEnteredInError());
            e.writeBoolean(item.getConflict());
            e.writeBoolean(item.getClinicalTime() != null);
            if (item.getClinicalTime() != null) {
                e.writeLong(item.getClinicalTime().toEpochMilli());
            }
            e.writeInt(versions.size());
            for (int i = 0; i < versions.size(); i++) {
                versions.writeTo(e, i);
            }
            e.writeInt(item.getCurrent() == null ? -1 : required(versions, item.getCurrent()));
            e.writeInt(item.getSources().size());
            for (ItemSource source : item.getSources()) {
                e.writeInt(required(versions, source.getLatest()));
            }
            e.flush();
            return w.out.toByteArray();
        } catch (IOException | RuntimeException ex) {
            throw new SerializationException(SprErrorCode.WIRE_FORMAT_UNENCODABLE.format("stored " + RecordItem.class.getName(), ex.getMessage()), ex);
        }
    }

    /** An item from its stored form (either layout). */
    public RecordItem decode(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length > 0 && data[0] == ConfluentWireFormat.MAGIC_BYTE) {
            return fullItems.deserializer().deserialize(topic, data);
        }
        if (data.length < 5 || data[0] != FORMAT) {
            throw new SerializationException(SprErrorCode.WIRE_FORMAT_UNDECODABLE.format(-1, "stored RecordItem",
                    "unknown store format " + (data.length == 0 ? "(empty)" : data[0])));
        }
        int schemaId = ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
        try {
            SpecificDatumReader<ClinicalEvent> reader = readers.computeIfAbsent(schemaId,
                    id -> new SpecificDatumReader<>(registry.getById(id), EVENT_SCHEMA));
            BinaryDecoder d = DecoderFactory.get().binaryDecoder(data, 5, data.length - 5, decoders.get());
            decoders.set(d);
            String nhsNumber = d.readString();
            RecordSection section = RecordSection.valueOf(d.readString());
            String itemId = d.readString();
            boolean enteredInError = d.readBoolean();
            boolean conflict = d.readBoolean();
            Instant clinicalTime = d.readBoolean() ? Instant.ofEpochMilli(d.readLong()) : null;
            int versions = d.readInt();
            List<ClinicalEvent> history = new ArrayList<>(versions);
            for (int i = 0; i < versions; i++) {
                history.add(reader.read(null, d));
            }
            int current = d.readInt();
            int sourceCount = d.readInt();
            List<ItemSource> sources = new ArrayList<>(sourceCount);
            for (int i = 0; i < sourceCount; i++) {
                sources.add(ItemMerger.sourceOf(history.get(d.readInt())));
            }
            if (!d.isEnd()) {
                throw new IllegalStateException("trailing bytes");
            }
            return new RecordItem(nhsNumber, section, itemId, current < 0 ? null : history.get(current), enteredInError, conflict,
                    clinicalTime, ItemMerger.sensitivityOf(history), sources, history);
        } catch (IOException | RuntimeException ex) {
            throw new SerializationException(SprErrorCode.WIRE_FORMAT_UNDECODABLE.format(schemaId, "stored RecordItem", String.valueOf(ex.getMessage())), ex);
        }
    }

    private static int required(EncodedVersions versions, ClinicalEvent version) {
        int index = versions.indexOf(version);
        if (index < 0) {
            throw new IllegalStateException("version " + version.getEventId() + " is not in the item's history");
        }
        return index;
    }

    static String subject(String topic) {
        return topic + "-version";
    }

    private static final class Writing {
        final ByteSink out = new ByteSink();
        BinaryEncoder encoder;
    }
}

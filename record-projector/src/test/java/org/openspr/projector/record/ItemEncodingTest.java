package org.openspr.projector.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openspr.projector.testing.Events.allergy;
import static org.openspr.projector.testing.Events.enteredInError;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openspr.embedded.junit.VolatileRegistryExtension;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.RecordItem;
import org.openspr.events.avro.RecordSection;
import org.openspr.events.nhs.NhsNumber;
import org.openspr.events.registry.RestSchemaRegistryClient;
import org.openspr.events.serde.SpecificAvroSerde;
import org.openspr.projector.testing.AvroBytes;

class ItemEncodingTest {
    private static final String NHS = NhsNumber.testNumber(42);
    private static final String TOPIC = "spr.record.view-changes-test";
    @RegisterExtension
    static final VolatileRegistryExtension registry = new VolatileRegistryExtension();
    private static RestSchemaRegistryClient client;

    @BeforeAll
    static void connect() {
        client = new RestSchemaRegistryClient(registry.url());
    }

    @Test
    void shouldWriteViewChangesByteForByteAsTheAvroWriterDoes() {
        SpecificAvroSerde<RecordItem> avro = SpecificAvroSerde.forValues(RecordItem.class, client);
        ViewChangeSerializer fast = new ViewChangeSerializer(client);

        for (RecordItem item : items()) {
            assertThat(hex(fast.serialize(TOPIC, item))).isEqualTo(hex(avro.serializer().serialize(TOPIC, item)));
        }
        assertThat(fast.serialize(TOPIC, null)).isNull();
    }

    @Test
    void shouldStoreAVersionReadOffTheWireByteForByteAsEncodingItAgainWould() {
        SpecificAvroSerde<ClinicalEvent> topicEvents = SpecificAvroSerde.forValues(ClinicalEvent.class, client);
        RetainingEventDeserializer retaining = new RetainingEventDeserializer(topicEvents.deserializer(), client);
        StoredItemSerde stored = new StoredItemSerde(client);
        ClinicalEvent sent = allergy("wire-1", "91936005", "active").nhs(NHS).build();

        ClinicalEvent read = retaining.deserialize("spr.clinical.events", topicEvents.serializer().serialize("spr.clinical.events", sent));
        assertThat(RetainedEncodings.wireOf(read)).as("remembered: written with the current schema").isNotNull();
        ClinicalEvent copy = ClinicalEvent.newBuilder(read).build();
        assertThat(RetainedEncodings.wireOf(copy)).as("found by identity only").isNull();

        RecordItem fromWire = ItemMerger.add(null, NHS, RecordSection.ALLERGIES, "wire-1", read);
        RecordItem encoded = ItemMerger.add(null, NHS, RecordSection.ALLERGIES, "wire-1", copy);
        byte[] copied = stored.encode(TOPIC, fromWire);
        assertThat(hex(copied)).isEqualTo(hex(stored.encode(TOPIC, encoded)));
        assertThat(AvroBytes.of(stored.decode(TOPIC, copied))).isEqualTo(AvroBytes.of(fromWire));
    }

    @Test
    void shouldReadBackStoredItemsAsTheyWereWritten() {
        StoredItemSerde stored = new StoredItemSerde(client);

        for (RecordItem item : items()) {
            RecordItem back = stored.deserializer().deserialize(TOPIC, stored.serializer().serialize(TOPIC, StoredItem.of(item))).item();
            assertThat(AvroBytes.of(back)).isEqualTo(AvroBytes.of(item));
        }
    }

    @Test
    void shouldStoreEachVersionOnce() {
        RecordItem twoSources = items().get(1);
        byte[] full = SpecificAvroSerde.forValues(RecordItem.class, client).serializer().serialize(TOPIC, twoSources);
        byte[] stored = new StoredItemSerde(client).encode(TOPIC, twoSources);

        // Three versions: a full item names them five times (history 3, sources 2, current 1 minus none withdrawn).
        assertThat(stored.length).isLessThan(full.length * 3 / 5);
    }

    @Test
    void shouldHandOutStoredItemsUndecodedAndWriteThemBackAsTheyWere() {
        StoredItemSerde serde = new StoredItemSerde(client);
        byte[] bytes = serde.encode(TOPIC, items().get(1));
        byte[] corrupt = bytes.clone();
        corrupt[corrupt.length - 1] = (byte) 0x7f; // a source index far past the history

        StoredItem read = serde.deserializer().deserialize(TOPIC, bytes);
        StoredItem broken = serde.deserializer().deserialize(TOPIC, corrupt);

        assertThat(serde.serializer().serialize(TOPIC, read)).isSameAs(bytes);
        assertThatThrownBy(broken::item).isInstanceOf(SerializationException.class);
        assertThat(AvroBytes.of(read.item())).isEqualTo(AvroBytes.of(items().get(1)));
        assertThat(read.item()).isSameAs(read.item());
    }

    @Test
    void shouldHashEqualContentEquallyAndChangedContentDifferently() {
        StoredItemSerde serde = new StoredItemSerde(client);
        byte[] bytes = serde.encode(TOPIC, items().get(1));

        StoredItem one = serde.deserializer().deserialize(TOPIC, bytes);
        StoredItem same = serde.deserializer().deserialize(TOPIC, bytes.clone());
        StoredItem other = serde.deserializer().deserialize(TOPIC, serde.encode(TOPIC, items().get(2)));

        assertThat(one.contentHash()).isEqualTo(same.contentHash());
        assertThat(one.contentHash()).isNotEqualTo(other.contentHash());
        assertThat(StoredItem.of(items().get(1)).bytes()).isNull();
    }

    @Test
    void shouldReadItemsStoredInTheFullFormatBeforeTheCompactOne() {
        RecordItem item = items().get(1);
        byte[] legacy = SpecificAvroSerde.forValues(RecordItem.class, client).serializer().serialize(TOPIC, item);

        RecordItem back = new StoredItemSerde(client).deserializer().deserialize(TOPIC, legacy).item();

        assertThat(AvroBytes.of(back)).isEqualTo(AvroBytes.of(item));
    }

    @Test
    void shouldEncodeAgainWhenTheSameItemGainsAVersion() {
        ViewChangeSerializer fast = new ViewChangeSerializer(client);
        SpecificAvroSerde<RecordItem> avro = SpecificAvroSerde.forValues(RecordItem.class, client);
        RecordItem item = ItemMerger.add(null, NHS, RecordSection.ALLERGIES, "a", event(allergy("enc-4", "91936005", "active")));
        fast.serialize(TOPIC, item);

        ItemMerger.add(item, NHS, RecordSection.ALLERGIES, "a",
                event(allergy("enc-4", "91936005", "resolved").version("2", Instant.parse("2026-04-01T00:00:00Z"))));

        assertThat(hex(fast.serialize(TOPIC, item))).isEqualTo(hex(avro.serializer().serialize(TOPIC, item)));
    }

    /** One plain item, one with two sources, an amendment and a sensitivity label, one withdrawn (no current). */
    private static List<RecordItem> items() {
        RecordItem plain = ItemMerger.add(null, NHS, RecordSection.ALLERGIES, "p", event(allergy("enc-1", "91936005", "active")));
        RecordItem twoSources = ItemMerger.add(null, NHS, RecordSection.ALLERGIES, "t",
                event(allergy("enc-2", "300916003", "active").from("RX1", "EPR")));
        twoSources = ItemMerger.add(twoSources, NHS, RecordSection.ALLERGIES, "t",
                event(allergy("enc-3", "300916003", "resolved").from("B86001", "GPSYS").sensitive("PSY")));
        twoSources = ItemMerger.add(twoSources, NHS, RecordSection.ALLERGIES, "t",
                event(allergy("enc-2", "300916003", "inactive").from("RX1", "EPR").version("2", Instant.parse("2026-04-01T00:00:00Z"))));
        RecordItem withdrawn = ItemMerger.add(null, NHS, RecordSection.PROBLEMS, "w", event(allergy("enc-5", "38341003", "active")));
        withdrawn = ItemMerger.add(withdrawn, NHS, RecordSection.PROBLEMS, "w",
                event(enteredInError("enc-5", "AllergyRecorded").version("9", Instant.parse("2026-05-01T00:00:00Z"))));
        assertThat(twoSources.getSources()).hasSize(2);
        assertThat(twoSources.getConflict()).isTrue();
        assertThat(twoSources.getSensitivity()).isNotEmpty();
        assertThat(withdrawn.getCurrent()).isNull();
        return List.of(plain, twoSources, withdrawn);
    }

    private static ClinicalEvent event(org.openspr.projector.testing.Events.Builder builder) {
        return builder.nhs(NHS).build();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}

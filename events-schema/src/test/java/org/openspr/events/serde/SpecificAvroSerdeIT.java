package org.openspr.events.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openspr.embedded.junit.LocalPlatformExtension;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.registry.RegisteredSchema;
import org.openspr.events.registry.RestSchemaRegistryClient;
import org.openspr.events.registry.SchemaRegistryException;
import org.openspr.events.registry.SubjectNames;
import org.openspr.events.testdata.SampleEvents;
import org.openspr.events.topics.Topic;
import org.openspr.events.topics.TopicProvisioner;
import org.openspr.events.topics.Topics;

class SpecificAvroSerdeIT {
    @RegisterExtension
    static final LocalPlatformExtension platform = new LocalPlatformExtension();

    @Test
    void shouldRoundTripClinicalEventsThroughKafkaAndTheRegistryOverHttp() {
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(platform.schemaRegistryUrl());
        Topics topics = Topics.create(registry);
        Topic<String, ClinicalEvent> clinical = topics.clinicalEvents();
        provision();
        List<ClinicalEvent> sent = new ArrayList<>();
        for (int n = 0; n < 50; n++) {
            sent.add(SampleEvents.potassiumResult(n));
        }

        try (KafkaProducer<String, ClinicalEvent> producer = new KafkaProducer<>(producerProps(),
                clinical.keySerde().serializer(), clinical.valueSerde().serializer())) {
            sent.forEach(e -> producer.send(new ProducerRecord<>(clinical.name(), e.getPatient().getNhsNumber(), e)));
        }
        List<ClinicalEvent> received = new ArrayList<>();
        try (KafkaConsumer<String, ClinicalEvent> consumer = new KafkaConsumer<>(consumerProps(),
                clinical.keySerde().deserializer(), clinical.valueSerde().deserializer())) {
            consumer.subscribe(List.of(clinical.name()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (received.size() < sent.size() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> received.add(r.value()));
            }
        }

        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
        RegisteredSchema latest = registry.getLatest(SubjectNames.forTopic(clinical.name(), false));
        assertThat(latest.version()).isEqualTo(1);
        assertThat(latest.schema()).isEqualTo(ClinicalEvent.getClassSchema());
    }

    @Test
    void shouldReadDataWrittenWithAnOlderCompatibleSchema() {
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(platform.schemaRegistryUrl());
        String topic = "evolution-probe";
        // v1 has one field; the reader (v2) adds one with a default: Avro resolution fills it in.
        Schema v1 = SchemaBuilder.record("Probe").namespace("org.openspr.test").fields()
                .requiredString("a").endRecord();
        Schema v2 = SchemaBuilder.record("Probe").namespace("org.openspr.test").fields()
                .requiredString("a").name("b").type().intType().intDefault(7).endRecord();
        int v1Id = registry.register(SubjectNames.forTopic(topic, false), v1);
        int v2Id = registry.register(SubjectNames.forTopic(topic, false), v2);

        assertThat(v2Id).isNotEqualTo(v1Id);
        assertThat(registry.versions(SubjectNames.forTopic(topic, false))).containsExactly(1, 2);
        assertThat(registry.getById(v1Id)).isEqualTo(v1);
    }

    @Test
    void shouldRejectAnIncompatibleSchemaWithTheRegistrysError() {
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(platform.schemaRegistryUrl());
        String subject = SubjectNames.forTopic("incompatible-probe", false);
        registry.register(subject, SchemaBuilder.record("Probe").fields().requiredString("a").endRecord());
        Schema breaking = SchemaBuilder.record("Probe").fields().requiredString("a").requiredLong("added").endRecord();

        assertThat(registry.testCompatibility(subject, breaking).compatible()).isFalse();
        assertThatThrownBy(() -> registry.register(subject, breaking))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.registryErrorCode()).isEqualTo(409);
                })
                .hasMessageStartingWith("SPR-1103")
                .hasMessageContaining("incompatible with an earlier schema")
                .hasMessageContaining("added");
    }

    @Test
    void shouldExplainGarbageBytesAndUnknownSchemaIdsInsteadOfCrashing() {
        RestSchemaRegistryClient registry = new RestSchemaRegistryClient(platform.schemaRegistryUrl());
        SpecificAvroDeserializer<ClinicalEvent> deserializer = new SpecificAvroDeserializer<>(ClinicalEvent.class, registry);
        byte[] unknownId = ByteBuffer.allocate(9).put((byte) 0).putInt(987_654).putInt(1).array();
        byte[] plainJson = "{\"eventId\":\"x\"}".getBytes();
        int realId = registry.register("garbage-probe-value", ClinicalEvent.getClassSchema());
        byte[] knownIdGarbageBody = ByteBuffer.allocate(13).put((byte) 0).putInt(realId).putLong(0xFFFF_FFFF_FFFF_FFFFL).array();

        assertThatThrownBy(() -> deserializer.deserialize("t", unknownId))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("SPR-1003: Schema id 987654 is not known to the schema registry");
        assertThatThrownBy(() -> deserializer.deserialize("t", plainJson))
                .isInstanceOf(SerializationException.class).hasMessageStartingWith("SPR-1002");
        assertThatThrownBy(() -> deserializer.deserialize("t", new byte[] {0, 1}))
                .isInstanceOf(SerializationException.class).hasMessageStartingWith("SPR-1001");
        assertThatThrownBy(() -> deserializer.deserialize("t", knownIdGarbageBody))
                .isInstanceOf(SerializationException.class).hasMessageStartingWith("SPR-1004");
        assertThat(deserializer.deserialize("t", null)).as("tombstones pass through").isNull();
    }

    private static void provision() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
            new TopicProvisioner(admin, (short) 1).ensure(Topics.definitions());
        }
    }

    private static Properties producerProps() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    private static Properties consumerProps() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "serde-it");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }
}

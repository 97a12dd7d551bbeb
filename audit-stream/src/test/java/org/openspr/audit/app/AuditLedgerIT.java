package org.openspr.audit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openspr.audit.AuditErrorCode;
import org.openspr.audit.alerts.AlertRules;
import org.openspr.audit.ledger.Bytes;
import org.openspr.audit.ledger.CheckpointPolicy;
import org.openspr.audit.ledger.CheckpointSignatures;
import org.openspr.audit.ledger.LedgerCanonicalForm;
import org.openspr.audit.ledger.SigningKeys;
import org.openspr.audit.projection.AccessLogQuery;
import org.openspr.audit.projection.LogOrder;
import org.openspr.audit.replay.AuditReplay;
import org.openspr.audit.replay.AuditReplayFilter;
import org.openspr.audit.support.AuditEvents;
import org.openspr.audit.support.LedgerTopics;
import org.openspr.audit.verify.EntryInclusionProof;
import org.openspr.audit.verify.InclusionProver;
import org.openspr.audit.verify.KafkaLedgerReader;
import org.openspr.audit.verify.LedgerIssue;
import org.openspr.audit.verify.LedgerRecord;
import org.openspr.audit.verify.LedgerSnapshot;
import org.openspr.audit.verify.LedgerVerifier;
import org.openspr.audit.verify.PartitionSummary;
import org.openspr.audit.verify.ProgressListener;
import org.openspr.audit.verify.VerificationReport;
import org.openspr.embedded.junit.LocalPlatformExtension;
import org.openspr.events.avro.LedgerEntry;
import org.openspr.events.avro.RecordAccessed;
import org.openspr.events.registry.RestSchemaRegistryClient;
import org.openspr.events.topics.Topics;

/**
 * The audit stream on a real broker: accesses are ledgered and verify; edited, deleted and injected records are
 * each found and located; checkpoints chain; inclusion proofs hold; replays give exactly what happened, also
 * after a restart. Tests run in order on one ledger; the injection test, which leaves the real ledger tampered
 * with, runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditLedgerIT {
    @RegisterExtension
    static final LocalPlatformExtension platform = new LocalPlatformExtension();
    private static final KeyPair KEYS = SigningKeys.generate();
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final List<RecordAccessed> produced = new ArrayList<>();
    private static Topics topics;
    private static AuditLedgerApp app;

    @BeforeAll
    static void ledgerAStreamOfAccesses() {
        topics = Topics.create(new RestSchemaRegistryClient(platform.schemaRegistryUrl()));
        app = startApp();
        produce(240, 0);
        awaitSealed(produced.size());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Order(1)
    void shouldLedgerEveryAccessAndPassVerificationWithChainedCheckpoints() {
        VerificationReport report = verifier().verify(snapshot(), (p, done, total) -> { });

        assertThat(report.passed()).as(report.describe()).isTrue();
        assertThat(report.entriesChecked()).isEqualTo(produced.size());
        assertThat(report.partitions()).hasSize(Topics.AUDIT_LEDGER.partitions())
                .allSatisfy(p -> assertThat(p.unsealedEntries()).isZero());
        assertThat(report.checkpointsChecked()).isGreaterThan(Topics.AUDIT_LEDGER.partitions());
    }

    @Test
    @Order(2)
    void shouldLocateAnEditedEntry() throws Exception {
        // Kafka records cannot be changed in place, so the "edited ledger" is a copy with one record's event changed.
        LedgerSnapshot real = snapshot();
        LedgerRecord victim = pick(real, 3, 17);
        Map<Integer, List<LedgerRecord>> edited = new LedgerTopics(platform.bootstrapServers()).copy(real.entries(),
                Topics.AUDIT_LEDGER.name() + ".scratch-edited", r -> r == victim ? withChangedEvent(r) : r.value());
        LedgerRecord editedRecord = edited.get(3).get(17);

        VerificationReport report = verifier().verify(new LedgerSnapshot(edited, real.checkpoints()), ProgressListener.NONE);

        LedgerIssue first = report.firstIssue().orElseThrow();
        assertThat(first.code()).isEqualTo(AuditErrorCode.ENTRY_ALTERED);
        assertThat(first.partition()).isEqualTo(3);
        assertThat(first.sequence()).isEqualTo(17);
        assertThat(first.offset()).isEqualTo(editedRecord.offset());
        assertThat(first.message()).startsWith("SPR-5101: Ledger partition 3 offset " + editedRecord.offset() + " (sequence 17)");
    }

    @Test
    @Order(3)
    void shouldLocateADeletedEntry() throws Exception {
        // A single record cannot be deleted from a Kafka log (deleteRecords only truncates a prefix, compaction
        // needs a compacted topic), so the "deleted" ledger is a copy without one record.
        LedgerSnapshot real = snapshot();
        LedgerRecord victim = pick(real, 1, 9);
        Map<Integer, List<LedgerRecord>> deleted = new LedgerTopics(platform.bootstrapServers()).copy(real.entries(),
                Topics.AUDIT_LEDGER.name() + ".scratch-deleted", r -> r == victim ? null : r.value());

        VerificationReport report = verifier().verify(new LedgerSnapshot(deleted, real.checkpoints()), ProgressListener.NONE);

        LedgerIssue first = report.firstIssue().orElseThrow();
        assertThat(first.code()).isEqualTo(AuditErrorCode.ENTRY_REMOVED);
        assertThat(first.partition()).isEqualTo(1);
        assertThat(first.sequence()).isEqualTo(10);
        assertThat(first.offset()).isEqualTo(deleted.get(1).get(9).offset());
        assertThat(first.message()).contains("sequence 10 follows 8");
    }

    @Test
    @Order(4)
    void shouldProveInclusionOfARandomEntryAndRejectAForgedOne() {
        LedgerSnapshot snapshot = snapshot();
        RecordAccessed chosen = produced.get(new Random(7).nextInt(produced.size()));
        CheckpointSignatures signatures = new CheckpointSignatures(KEYS.getPublic());

        EntryInclusionProof proof = new InclusionProver(verifier()).prove(snapshot, chosen.getAuditId());
        LedgerEntry forged = LedgerEntry.newBuilder(proof.entry()).setEvent(ByteBuffer.wrap(changed(Bytes.of(proof.entry().getEvent()))))
                .build();
        forged.setEntryHash(ByteBuffer.wrap(LedgerCanonicalForm.entryHash(forged)));

        assertThat(proof.entry().getAuditId()).isEqualTo(chosen.getAuditId());
        assertThat(proof.verify(signatures)).isTrue();
        assertThat(proof.verify(forged, signatures)).isFalse();
        assertThat(proof.verify(new CheckpointSignatures(SigningKeys.generate().getPublic()))).isFalse();
    }

    @Test
    @Order(5)
    void shouldReplayExactlyTheAccessesOfAPatientAndOfAUserInAWindow() {
        assertReplaysMatch();
    }

    @Test
    @Order(6)
    void shouldContinueTheChainAndReplayExactlyAfterARestart() {
        app.close();
        platform.restart();
        app = startApp();
        produce(60, 240);
        awaitSealed(produced.size());

        VerificationReport report = verifier().verify(snapshot(), ProgressListener.NONE);

        assertThat(report.passed()).as(report.describe()).isTrue();
        assertThat(report.entriesChecked()).isEqualTo(300);
        assertReplaysMatch();
    }

    @Test
    @Order(7)
    void shouldLocateARecordInjectedIntoTheLedgerTopic() throws Exception {
        // The strongest forgery without the signing key: an entry correctly chained to the current head of partition 2.
        LedgerSnapshot before = snapshot();
        List<LedgerRecord> partition = before.entries().get(2);
        LedgerEntry head = decode(partition.get(partition.size() - 1));
        LedgerEntry forged = LedgerEntry.newBuilder(head).setSequence(head.getSequence() + 1).setAuditId(UUID.randomUUID().toString())
                .setPreviousHash(head.getEntryHash()).build();
        forged.setEntryHash(ByteBuffer.wrap(LedgerCanonicalForm.entryHash(forged)));
        long forgedOffset = new LedgerTopics(platform.bootstrapServers()).produce(Topics.AUDIT_LEDGER.name(), 2,
                topics.auditLedger().valueSerde().serializer().serialize(Topics.AUDIT_LEDGER.name(), forged));
        // Real accesses keep coming to that partition (same patient key), after the forged record.
        RecordAccessed sample = eventIn(before, 2);
        try (KafkaProducer<String, RecordAccessed> producer = producer()) {
            for (int i = 0; i < 3; i++) {
                RecordAccessed next = AuditEvents.read("U1", sample.getPatientNhsNumber(), AuditEvents.T0.plusSeconds(9000 + i)).build();
                producer.send(new ProducerRecord<>(Topics.AUDIT_EVENTS.name(), next.getPatientNhsNumber(), next)).get();
            }
        }
        await().atMost(TIMEOUT).until(() -> snapshot().entries().get(2).size() == partition.size() + 4);

        VerificationReport report = verifier().verify(snapshot(), ProgressListener.NONE);

        LedgerIssue first = report.firstIssue().orElseThrow();
        assertThat(first.code()).isEqualTo(AuditErrorCode.ENTRY_INSERTED);
        assertThat(first.partition()).isEqualTo(2);
        assertThat(first.offset()).isEqualTo(forgedOffset);
        assertThat(first.sequence()).isEqualTo(head.getSequence() + 1);
        assertThat(report.issues()).as(report.describe()).hasSize(1);
    }

    @Test
    @Order(8)
    void shouldParkAnUndecodableAuditEventInTheDeadLetterTopicWithItsOrigin() throws Exception {
        try (AccessLogReplica following = replica().start()) {
            following.awaitRunning(TIMEOUT);
            byte[] garbage = "not an audit event".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            // keyed as the query service keys accesses: a global store's restore passes over records without a key
            Properties raw = new Properties();
            raw.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
            raw.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(raw, new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(Topics.AUDIT_EVENTS.name(), 0,
                        AuditEvents.nhsNumber(1).getBytes(java.nio.charset.StandardCharsets.UTF_8), garbage)).get();
            }
            RecordAccessed after = AuditEvents.read("U-after-garbage", AuditEvents.nhsNumber(1), AuditEvents.T0).build();
            try (KafkaProducer<String, RecordAccessed> producer = producer()) { // behind the garbage, in its partition
                producer.send(new ProducerRecord<>(Topics.AUDIT_EVENTS.name(), 0, after.getPatientNhsNumber(), after)).get();
            }

            await().atMost(TIMEOUT).untilAsserted(() -> {
                List<LedgerRecord> parked = new KafkaLedgerReader(platform.bootstrapServers(), TIMEOUT)
                        .readTopic(Topics.AUDIT_EVENTS_DEAD_LETTERS.name()).values().stream().flatMap(List::stream).toList();
                assertThat(parked).extracting(LedgerRecord::value).containsExactly(garbage);
            });
            assertThat(app.state()).isEqualTo(org.apache.kafka.streams.KafkaStreams.State.RUNNING);
            // a query-service replica that was following the topic skips the garbage and files what comes after it
            await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> assertThat(following.reader()
                    .accessesByUser("U-after-garbage", AccessLogQuery.first(AuditEvents.T0, AuditEvents.T0.plusSeconds(1), 10,
                            LogOrder.NEWEST_FIRST)).entries()).containsExactly(after));
            assertThat(following.state()).isEqualTo(org.apache.kafka.streams.KafkaStreams.State.RUNNING);
        }
        // and one started now loads its stores past it
        assertReplaysMatch();
    }

    private static AccessLogReplica replica() {
        return new AccessLogReplica(platform.bootstrapServers(), platform.schemaRegistryUrl(),
                platform.dataDir().resolve("replica-" + UUID.randomUUID()), Map.of());
    }

    private static AccessLogQuery oldestFirst(Instant from, Instant to) {
        return AccessLogQuery.first(from, to, 1000, LogOrder.OLDEST_FIRST);
    }

    private static void assertReplaysMatch() {
        AuditReplay replay = new AuditReplay(platform.bootstrapServers(), topics, TIMEOUT);
        Instant from = AuditEvents.T0.plus(Duration.ofMinutes(20));
        Instant to = AuditEvents.T0.plus(Duration.ofMinutes(100));
        String patient = AuditEvents.nhsNumber(4);
        String user = "U3";
        List<RecordAccessed> patientExpected = expected(AuditReplayFilter.patient(patient, from, to));
        List<RecordAccessed> userExpected = expected(AuditReplayFilter.user(user, from, to));

        assertThat(patientExpected).isNotEmpty();
        assertThat(userExpected).isNotEmpty();
        assertThat(replay.replay(AuditReplayFilter.patient(patient, from, to))).containsExactlyElementsOf(patientExpected);
        assertThat(replay.replay(AuditReplayFilter.user(user, from, to))).containsExactlyElementsOf(userExpected);
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            assertThat(app.reader().accessesToPatient(patient, oldestFirst(from, to)).entries()).containsExactlyElementsOf(patientExpected);
            assertThat(app.reader().accessesByUser(user, oldestFirst(from, to)).entries()).containsExactlyElementsOf(userExpected);
        });
        // A query-service instance's replica, started from nothing, reads the same.
        try (AccessLogReplica replica = replica().start()) {
            replica.awaitRunning(TIMEOUT);
            await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
                assertThat(replica.reader().accessesToPatient(patient, oldestFirst(from, to)).entries())
                        .containsExactlyElementsOf(patientExpected);
                assertThat(replica.reader().accessesByUser(user, oldestFirst(from, to)).entries()).containsExactlyElementsOf(userExpected);
                List<RecordAccessed> newestFirst = new ArrayList<>(userExpected);
                java.util.Collections.reverse(newestFirst);
                assertThat(replica.reader().accessesByUser(user, AccessLogQuery.first(from, to, 1000, LogOrder.NEWEST_FIRST)).entries())
                        .as("global stores read backwards too").containsExactlyElementsOf(newestFirst);
            });
            assertThat(replica.state()).isEqualTo(org.apache.kafka.streams.KafkaStreams.State.RUNNING);
        }
    }

    private static List<RecordAccessed> expected(AuditReplayFilter filter) {
        return produced.stream().filter(filter::matches)
                .sorted(java.util.Comparator.comparing(RecordAccessed::getOccurredAt).thenComparing(RecordAccessed::getAuditId))
                .toList();
    }

    private static AuditLedgerApp startApp() {
        Path stateDir = platform.dataDir().resolve("audit-streams");
        return new AuditLedgerApp(AuditLedgerConfig.local(platform.bootstrapServers(), platform.schemaRegistryUrl(), stateDir, KEYS)
                .withCheckpoints(new CheckpointPolicy(25, Duration.ofSeconds(1)))
                .withAlertRules(AlertRules.defaults())).start().awaitRunning(TIMEOUT);
    }

    /** Produces accesses by 8 users to 30 patients, 30 s apart, the way the query service does (acks=all, keyed by patient). */
    private static void produce(int count, int startIndex) {
        Random random = new Random(startIndex + 42);
        try (KafkaProducer<String, RecordAccessed> producer = producer()) {
            for (int i = startIndex; i < startIndex + count; i++) {
                RecordAccessed event = AuditEvents.read("U" + random.nextInt(8), AuditEvents.nhsNumber(random.nextInt(30)),
                        AuditEvents.T0.plusSeconds(30L * i)).build();
                producer.send(new ProducerRecord<>(Topics.AUDIT_EVENTS.name(), event.getPatientNhsNumber(), event));
                produced.add(event);
            }
            producer.flush();
        }
    }

    private static KafkaProducer<String, RecordAccessed> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, topics.auditEvents().keySerde().serializer(), topics.auditEvents().valueSerde().serializer());
    }

    private static void awaitSealed(long entries) {
        await().atMost(TIMEOUT).until(() -> {
            VerificationReport report = verifier().verify(snapshot(), ProgressListener.NONE);
            return report.entriesChecked() == entries
                    && report.partitions().stream().mapToLong(PartitionSummary::unsealedEntries).sum() == 0;
        });
    }

    private static LedgerSnapshot snapshot() {
        return new KafkaLedgerReader(platform.bootstrapServers(), TIMEOUT).read(Topics.AUDIT_LEDGER.name(), Topics.AUDIT_CHECKPOINTS.name());
    }

    private static LedgerVerifier verifier() {
        return new LedgerVerifier(new CheckpointSignatures(KEYS.getPublic()), topics);
    }

    private static LedgerRecord pick(LedgerSnapshot snapshot, int partition, int index) {
        assertThat(snapshot.entries().get(partition)).hasSizeGreaterThan(index);
        return snapshot.entries().get(partition).get(index);
    }

    private static LedgerEntry decode(LedgerRecord record) {
        return topics.auditLedger().valueSerde().deserializer().deserialize(Topics.AUDIT_LEDGER.name(), record.value());
    }

    private static RecordAccessed eventIn(LedgerSnapshot snapshot, int partition) {
        LedgerEntry entry = decode(snapshot.entries().get(partition).get(0));
        return topics.auditEvents().valueSerde().deserializer().deserialize(Topics.AUDIT_EVENTS.name(), Bytes.of(entry.getEvent()));
    }

    private static byte[] withChangedEvent(LedgerRecord record) {
        LedgerEntry entry = decode(record);
        entry.setEvent(ByteBuffer.wrap(changed(Bytes.of(entry.getEvent()))));
        return topics.auditLedger().valueSerde().serializer().serialize(Topics.AUDIT_LEDGER.name(), entry);
    }

    private static byte[] changed(byte[] bytes) {
        byte[] copy = bytes.clone();
        copy[copy.length - 3] ^= 0x01;
        return copy;
    }
}

package org.openspr.audit.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openspr.audit.alerts.AlertRules;
import org.openspr.audit.ledger.Bytes;
import org.openspr.audit.ledger.CheckpointPolicy;
import org.openspr.audit.ledger.CheckpointSignatures;
import org.openspr.audit.ledger.SigningKeys;
import org.openspr.audit.support.AuditEvents;
import org.openspr.audit.verify.KafkaLedgerReader;
import org.openspr.audit.verify.LedgerSnapshot;
import org.openspr.audit.verify.LedgerVerifier;
import org.openspr.audit.verify.PartitionSummary;
import org.openspr.audit.verify.ProgressListener;
import org.openspr.audit.verify.VerificationReport;
import org.openspr.embedded.kafka.EmbeddedKafkaCluster;
import org.openspr.embedded.junit.ReplicatedClusterExtension;
import org.openspr.events.avro.LedgerEntry;
import org.openspr.events.avro.RecordAccessed;
import org.openspr.events.registry.RestSchemaRegistryClient;
import org.openspr.events.topics.Topics;

/**
 * The audit ledger on a replicated cluster, as deployed (three brokers, every topic with three replicas, two needed in
 * sync): accesses written while the brokers restart one by one, or while a broker is killed (node 3 runs in a JVM of
 * its own: SIGKILL, no controlled shutdown) and started again, or frozen (SIGSTOP) and woken up stale, are each ledgered
 * exactly once, and the ledger still verifies (an unbroken hash chain per partition, signed checkpoints that chain).
 * While the ledger's own topics have fewer replicas in sync than they require, it commits nothing and stays up, and
 * afterwards ledgers every access written meanwhile, once.
 */
class AuditLedgerReplicatedClusterIT {
    private static final KeyPair KEYS = SigningKeys.generate();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int CRASHING_NODE = 3;
    private static final Duration SHORTAGE = Duration.ofSeconds(8);
    /** Every access the tests of this class have written (all of them are in the one ledger). */
    private static final Set<String> WRITTEN = ConcurrentHashMap.newKeySet();

    @RegisterExtension
    static final ReplicatedClusterExtension kafka = ReplicatedClusterExtension.withNodesInOwnProcess(CRASHING_NODE);
    private static EmbeddedKafkaCluster cluster;
    private static Topics topics;
    private static AuditLedgerApp app;

    @BeforeAll
    static void start() {
        cluster = kafka.cluster();
        AuditLedgerConfig local = AuditLedgerConfig.local(kafka.bootstrapServers(), kafka.schemaRegistryUrl(), kafka.dataDir().resolve("audit"), KEYS);
        app = new AuditLedgerApp(new AuditLedgerConfig(local.bootstrapServers(), local.schemaRegistryUrl(), local.applicationId(),
                local.stateDir(), KEYS, new CheckpointPolicy(25, Duration.ofSeconds(1)), AlertRules.defaults(), kafka.replicationFactor(),
                Map.of(), false)).start().awaitRunning(TIMEOUT); // creates the audit topics it reads and writes, replicated
        topics = Topics.create(new RestSchemaRegistryClient(kafka.schemaRegistryUrl()));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void shouldLedgerEveryAccessOnceAndStillVerifyAfterTheBrokersRestartOneByOne() throws Exception {
        ledgerWhile("rolling restart of " + cluster.size() + " brokers", () -> cluster.rollingRestart(TIMEOUT,
                node -> awaitWritten(WRITTEN.size() + 50), // writing while a node is down
                node -> awaitWritten(WRITTEN.size() + 25)));
    }

    @Test
    void shouldLedgerEveryAccessOnceAndStillVerifyAfterABrokerIsKilled() throws Exception {
        ledgerWhile("broker " + CRASHING_NODE + " killed and restarted", () -> loseAndBringBack(cluster::kill, cluster::start));
    }

    @Test
    void shouldLedgerEveryAccessOnceAndStillVerifyAfterABrokerFreezesAndWakesUpStale() throws Exception {
        ledgerWhile("broker " + CRASHING_NODE + " frozen and thawed", () -> loseAndBringBack(cluster::freeze, cluster::thaw));
    }

    @Test
    void shouldLedgerEveryAccessOnceAndStillVerifyAfterItsTopicsHadTooFewReplicasInSync() throws Exception {
        ledgerWhile("ledger topics one replica short of min.insync.replicas for " + SHORTAGE.toSeconds() + " s", () -> {
            cluster.stop(CRASHING_NODE);
            try {
                requireInSync(3); // one more than the two nodes running: no write to the ledger's topics can be taken
                awaitWritten(WRITTEN.size() + 50); // accesses keep arriving on the audit topic, which still has enough
                long stalledAt = committedLedgerEntries();
                // for longer than a commit interval, so the ledger's transactions are refused: nothing more is committed
                await("no ledger entry committed while its topics are short of replicas").during(SHORTAGE)
                        .atMost(SHORTAGE.plus(TIMEOUT)).pollInterval(Duration.ofSeconds(1))
                        .until(AuditLedgerReplicatedClusterIT::committedLedgerEntries, n -> n == stalledAt);
                assertThat(app.state()).as("the ledger's Streams instance while it cannot write").isEqualTo(KafkaStreams.State.RUNNING);
            } finally {
                requireInSync(null);
                cluster.start(CRASHING_NODE);
                cluster.awaitFullyReplicated(TIMEOUT);
            }
            awaitWritten(WRITTEN.size() + 25);
        });
    }

    /** Sets (or, with null, removes) the ledger's output topics' own {@code min.insync.replicas}. */
    private static void requireInSync(Integer replicas) throws Exception {
        for (String topic : List.of(Topics.AUDIT_LEDGER.name(), Topics.AUDIT_CHECKPOINTS.name())) {
            cluster.requireInSync(topic, replicas);
        }
    }

    /** Loses node 3 until 50 more accesses are written without it, brings it back, and writes 25 more once in sync. */
    private static void loseAndBringBack(EmbeddedKafkaCluster.Step lose, EmbeddedKafkaCluster.Step bringBack) throws Exception {
        cluster.loseAndBringBack(CRASHING_NODE, lose, bringBack, TIMEOUT,
                node -> awaitWritten(WRITTEN.size() + 50), // writing again once the others have taken over its partitions
                node -> awaitWritten(WRITTEN.size() + 25));
    }

    /**
     * Writes accesses as the query service does (acks=all, idempotent, keyed by patient, one at a time) while
     * {@code disturbance} runs, then checks that every access written by this class so far is ledgered exactly once
     * and that the whole ledger verifies.
     */
    private static void ledgerWhile(String disturbance, Disturbance action) throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        int before = WRITTEN.size();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (KafkaProducer<String, RecordAccessed> producer = producer()) {
                for (int i = before; writing.get(); i++) {
                    RecordAccessed event = AuditEvents.read("U" + i % 8, AuditEvents.nhsNumber(i % 30), AuditEvents.T0.plusSeconds(30L * i)).build();
                    producer.send(new ProducerRecord<>(Topics.AUDIT_EVENTS.name(), event.getPatientNhsNumber(), event)).get(60, TimeUnit.SECONDS);
                    WRITTEN.add(event.getRequestId());
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long began = System.nanoTime();
        awaitWritten(before + 50);
        action.run();
        writing.set(false);
        writer.get(60, TimeUnit.SECONDS);
        System.out.printf("%s: %d accesses written in %.1f s%n", disturbance, WRITTEN.size() - before, (System.nanoTime() - began) / 1e9);

        LedgerVerifier verifier = new LedgerVerifier(new CheckpointSignatures(KEYS.getPublic()), topics);
        await().atMost(TIMEOUT).until(() -> {
            VerificationReport report = verifier.verify(snapshot(), ProgressListener.NONE);
            return report.entriesChecked() >= WRITTEN.size()
                    && report.partitions().stream().mapToLong(PartitionSummary::unsealedEntries).sum() == 0;
        });
        LedgerSnapshot ledger = snapshot();
        VerificationReport report = verifier.verify(ledger, ProgressListener.NONE);
        assertThat(report.passed()).as(report.describe()).isTrue();
        List<String> ledgered = ledger.entries().values().stream().flatMap(List::stream).map(r -> requestIdOf(r.value())).toList();
        assertThat(ledgered).as("each access ledgered once").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(WRITTEN);
        assertThat(report.checkpointsChecked()).isGreaterThan(Topics.AUDIT_LEDGER.partitions());
        assertThat(app.state()).as("the ledger's Streams instance").isEqualTo(KafkaStreams.State.RUNNING);
    }

    @FunctionalInterface
    private interface Disturbance {
        void run() throws Exception;
    }

    private static String requestIdOf(byte[] ledgerValue) {
        LedgerEntry entry = topics.auditLedger().valueSerde().deserializer().deserialize(Topics.AUDIT_LEDGER.name(), ledgerValue);
        return topics.auditEvents().valueSerde().deserializer().deserialize(Topics.AUDIT_EVENTS.name(), Bytes.of(entry.getEvent())).getRequestId();
    }

    private static KafkaProducer<String, RecordAccessed> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(props, topics.auditEvents().keySerde().serializer(), topics.auditEvents().valueSerde().serializer());
    }

    private static long committedLedgerEntries() {
        return snapshot().entries().values().stream().mapToLong(List::size).sum();
    }

    private static LedgerSnapshot snapshot() {
        return new KafkaLedgerReader(cluster.bootstrapServers(), TIMEOUT).read(Topics.AUDIT_LEDGER.name(), Topics.AUDIT_CHECKPOINTS.name());
    }

    private static void awaitWritten(int atLeast) {
        await(atLeast + " accesses written").atMost(TIMEOUT).pollInterval(Duration.ofMillis(20)).until(WRITTEN::size, n -> n >= atLeast);
    }
}

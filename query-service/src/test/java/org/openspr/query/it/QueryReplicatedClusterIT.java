package org.openspr.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openspr.embedded.kafka.EmbeddedKafkaCluster;
import org.openspr.embedded.kafka.FreePorts;
import org.openspr.embedded.junit.ReplicatedClusterExtension;
import org.openspr.events.avro.AccessOutcome;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.RecordAccessed;
import org.openspr.events.nhs.NhsNumber;
import org.openspr.events.registry.RestSchemaRegistryClient;
import org.openspr.events.topics.Topics;
import org.openspr.projector.app.ProjectorConfig;
import org.openspr.projector.app.RecordProjectorApp;
import org.openspr.query.QueryServiceConfiguration;
import org.openspr.query.auth.DevTokenIssuer;
import org.openspr.query.cli.EmbeddedQueryService;
import org.openspr.query.cli.StreamsBindings;
import org.openspr.query.core.RecordEntry;
import org.openspr.query.testing.AuditTopicReader;
import org.openspr.query.testing.TestConfig;
import org.openspr.query.testing.TestRecords;

/**
 * The query service on a replicated cluster, as deployed (three brokers, every topic with three replicas, two needed
 * in sync): through a rolling restart of all three brokers, and when a broker is killed (node 3 runs in a JVM of its
 * own: SIGKILL, no controlled shutdown) or frozen (SIGSTOP) and woken up stale, every read it answers with data has
 * exactly one audit event on the audit topic and every other read is a 503 with nothing in it; while the audit topic
 * has fewer replicas in sync than it requires a read is a 503.
 */
class QueryReplicatedClusterIT {
    private static final int PATIENTS = 3;
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> NHS_NUMBERS = new ArrayList<>();

    private static final int CRASHING_NODE = 3;

    @RegisterExtension
    static final ReplicatedClusterExtension kafka = ReplicatedClusterExtension.withNodesInOwnProcess(CRASHING_NODE);
    private static EmbeddedKafkaCluster cluster;
    private static Topics topics;
    private static DevTokenIssuer issuer;
    private static RecordProjectorApp projector;
    private static EmbeddedQueryService service;

    @BeforeAll
    static void start() throws Exception {
        cluster = kafka.cluster();
        topics = Topics.create(new RestSchemaRegistryClient(kafka.schemaRegistryUrl()));
        issuer = DevTokenIssuer.open(kafka.dataDir().resolve("dev-issuer"));
        int port = FreePorts.next();
        // the projector creates every catalogue topic, replicated
        projector = new RecordProjectorApp(new ProjectorConfig(kafka.bootstrapServers(), kafka.schemaRegistryUrl(),
                "spr-record-projector-cluster-it", kafka.dataDir().resolve("projector"), 0, 1, kafka.replicationFactor(),
                "localhost:" + port, ProjectorConfig.DEFAULT_COMMIT_INTERVAL, Map.of())).start();
        publishRecords();
        QueryServiceConfiguration config = TestConfig.onKafka(EmbeddedQueryService.shippedConfiguration(), cluster.bootstrapServers(),
                kafka.schemaRegistryUrl(), kafka.dataDir().resolve("dev-issuer"), port);
        service = EmbeddedQueryService.start(config, new StreamsBindings(projector.streams(), null, "localhost:" + port));
        for (String nhsNumber : NHS_NUMBERS) {
            await("record of " + nhsNumber + " readable").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> read(nhsNumber, "warm-" + UUID.randomUUID()).statusCode() == 200);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {service, projector}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void shouldAuditEveryReadItAnswersWhileTheBrokersRestartOneByOne() throws Exception {
        Readers readers = new Readers("roll", 2);
        awaitServed(readers.served, 20);
        cluster.rollingRestart(SYNC_TIMEOUT, node -> awaitServed(readers.served, readers.served.get() + 20), // serving while a node is down
                node -> awaitServed(readers.served, readers.served.get() + 10));
        readers.stop("rolling restart of " + cluster.size() + " brokers");
        assertEveryServedReadAuditedOnceAndNothingReleasedOtherwise(readers);
    }

    @Test
    void shouldAuditEveryReadItAnswersWhenABrokerIsKilled() throws Exception {
        readWhileANodeIsLost("crash", "killed and restarted", cluster::kill, cluster::start);
    }

    @Test
    void shouldAuditEveryReadItAnswersWhenABrokerFreezesAndWakesUpStale() throws Exception {
        // frozen: as a long GC pause or a partition, still connected, answering nothing; thawed, it wakes believing it
        // still leads its partitions
        readWhileANodeIsLost("freeze", "frozen and thawed", cluster::freeze, cluster::thaw);
    }

    /**
     * Reads while node 3 is lost under them and brought back, then checks every read as
     * {@link #assertEveryServedReadAuditedOnceAndNothingReleasedOtherwise} does and that the projector still runs.
     */
    private static void readWhileANodeIsLost(String prefix, String what, EmbeddedKafkaCluster.Step lose,
                                             EmbeddedKafkaCluster.Step bringBack) throws Exception {
        Readers readers = new Readers(prefix, 2);
        awaitServed(readers.served, 20);
        cluster.loseAndBringBack(CRASHING_NODE, lose, bringBack, SYNC_TIMEOUT, node -> {
            long lostAt = System.nanoTime();
            awaitServed(readers.served, readers.served.get() + 20); // serving again without the node
            System.out.printf("node %d lost (%s); 20 more reads served after %.1f s%n", node, what, (System.nanoTime() - lostAt) / 1e9);
        }, node -> awaitServed(readers.served, readers.served.get() + 10));
        readers.stop("broker " + CRASHING_NODE + " " + what);
        assertEveryServedReadAuditedOnceAndNothingReleasedOtherwise(readers);
        assertThat(projector.streams().state()).as("the projector after node %d %s", CRASHING_NODE, what).isEqualTo(KafkaStreams.State.RUNNING);
    }

    private static void assertEveryServedReadAuditedOnceAndNothingReleasedOtherwise(Readers readers) {
        Set<String> answered = readers.statuses.entrySet().stream().filter(e -> e.getValue() == 200).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        assertThat(readers.refusals).as("reads refused").allSatisfy((id, refusal) ->
                assertThat(refusal).startsWith("503").contains("SPR-").doesNotContain("Hypertension"));
        Map<String, List<RecordAccessed>> audited = auditEvents(answered);
        assertThat(audited.keySet()).as("reads answered with data, each with its audit event").containsAll(answered);
        assertThat(answered).allSatisfy(id -> {
            assertThat(audited.get(id)).as(id).hasSize(1);
            assertThat(audited.get(id).get(0).getOutcome()).isEqualTo(AccessOutcome.PERMITTED);
        });
    }

    /** Clinicians reading the records over and over, each waiting for an answer before the next read. */
    private static final class Readers {
        final Map<String, Integer> statuses = new ConcurrentHashMap<>();
        final Map<String, String> refusals = new ConcurrentHashMap<>();
        final AtomicInteger served = new AtomicInteger();
        private final AtomicBoolean reading = new AtomicBoolean(true);
        private final ExecutorService pool;
        private final List<Future<?>> running = new ArrayList<>();
        private final long began = System.nanoTime();

        Readers(String prefix, int readers) {
            pool = Executors.newFixedThreadPool(readers);
            for (int r = 0; r < readers; r++) {
                int reader = r;
                running.add(pool.submit(() -> {
                    for (int i = 0; reading.get(); i++) {
                        String requestId = prefix + "-" + reader + "-" + i;
                        HttpResponse<String> response = read(NHS_NUMBERS.get(i % PATIENTS), requestId);
                        statuses.put(requestId, response.statusCode());
                        if (response.statusCode() == 200) {
                            served.incrementAndGet();
                        } else {
                            refusals.put(requestId, response.statusCode() + " " + response.body());
                        }
                    }
                    return null;
                }));
            }
        }

        void stop(String during) throws Exception {
            reading.set(false);
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            System.out.printf("%s: %d reads, %d served, %d refused in %.1f s%n", during, statuses.size(), served.get(),
                    refusals.size(), (System.nanoTime() - began) / 1e9);
        }
    }

    @Test
    void shouldReleaseNothingWhileTheAuditTopicHasTooFewReplicasInSync() throws Exception {
        String nhsNumber = NHS_NUMBERS.get(0);
        cluster.stop(3);
        try {
            cluster.requireInSync(Topics.AUDIT_EVENTS.name(), 3); // one replica short of what an audit write now needs
            HttpResponse<String> refused = read(nhsNumber, "isr-refused");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.body()).contains("SPR-4102").doesNotContain("Hypertension").doesNotContain("Penicillin");

            cluster.requireInSync(Topics.AUDIT_EVENTS.name(), null); // back to the cluster's two
            HttpResponse<String> served = read(nhsNumber, "isr-served");
            assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
            assertThat(served.body()).contains("Hypertension");
        } finally {
            cluster.requireInSync(Topics.AUDIT_EVENTS.name(), null);
            cluster.start(3);
            cluster.awaitFullyReplicated(SYNC_TIMEOUT);
        }
        assertThat(auditEvents(Set.of("isr-served")).get("isr-served")).hasSize(1);
    }

    private static void publishRecords() {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, ClinicalEvent> producer = new KafkaProducer<>(props, new StringSerializer(),
                topics.clinicalEvents().valueSerde().serializer())) {
            for (int i = 0; i < PATIENTS; i++) {
                String nhsNumber = NhsNumber.testNumber(3000 + i * 7919L);
                NHS_NUMBERS.add(nhsNumber);
                for (RecordEntry entry : TestRecords.patient(nhsNumber).registeredAt("A81001")
                        .condition("38341003", "Hypertension").allergy("91936005", "Penicillin allergy").build().entries()) {
                    producer.send(new ProducerRecord<>(topics.clinicalEvents().name(), nhsNumber, entry.current()));
                }
            }
            producer.flush();
        }
    }

    private static HttpResponse<String> read(String nhsNumber, String requestId) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + service.port() + "/v1/patients/" + nhsNumber + "/record"))
                    .header("Authorization", "Bearer " + issuer.mintStaff("dr-it", "R8000", "A81001", Duration.ofMinutes(5)))
                    .header("X-Request-Id", requestId).timeout(Duration.ofSeconds(30)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, List<RecordAccessed>> auditEvents(Set<String> requestIds) {
        return AuditTopicReader.eventsOf(cluster.bootstrapServers(), topics, requestIds);
    }

    private static void awaitServed(AtomicInteger served, int atLeast) {
        await(atLeast + " reads served").atMost(SYNC_TIMEOUT).pollInterval(Duration.ofMillis(20)).until(served::get, n -> n >= atLeast);
    }
}

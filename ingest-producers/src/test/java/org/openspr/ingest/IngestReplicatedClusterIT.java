package org.openspr.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openspr.embedded.kafka.EmbeddedKafkaCluster;
import org.openspr.embedded.junit.ReplicatedClusterExtension;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.topics.Topics;
import org.openspr.events.nhs.NhsNumber;
import org.openspr.ingest.http.IngestApplication;
import org.openspr.ingest.http.IngestConfiguration;
import org.openspr.ingest.map.SourceDefaults;
import org.openspr.ingest.mllp.MllpServer;
import org.openspr.ingest.mllp.MllpSettings;
import org.openspr.ingest.publish.PublisherSettings;
import org.openspr.ingest.support.Hl7Messages;
import org.openspr.ingest.support.MllpTestClient;
import org.openspr.ingest.support.TopicReader;

/**
 * Ingest on a replicated cluster, as deployed (three brokers, every topic with three replicas, two needed in sync):
 * a rolling restart of all three brokers under load loses no acknowledged message and refuses none; while too few
 * replicas are in sync a sender is told to re-send ({@code AR}, SPR-2302), never {@code AA}, and its re-send is taken once
 * enough are. Node 3 runs in a JVM of its own, so that it can also be killed under load (SIGKILL: no controlled
 * shutdown, log recovery when it comes back) or frozen (SIGSTOP, as a long GC pause or a network partition) and woken
 * up stale. Until the controllers notice it is gone, its partitions and the transactions it coordinates have no
 * leader, so some senders are told to re-send (MLLP {@code AR}, HTTP 503); they do, as an interface engine does. No
 * acknowledged message or bundle may be missing, none taken at its first attempt stored twice, and a re-sent one is
 * stored with its same event ids. MLLP goes through an {@link MllpServer} on the publisher under test, FHIR through the
 * ingest service itself ({@link IngestApplication}, its own publisher) on the same cluster.
 */
class IngestReplicatedClusterIT {
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration GIVE_UP = Duration.ofSeconds(90);
    private static final int TROUBLED_NODE = 3;
    private static final List<String> INGEST_TOPICS = List.of(Topics.INBOUND_RAW.name(), Topics.CLINICAL_EVENTS.name(),
            Topics.IDENTITY_EVENTS.name(), Topics.INBOUND_DEAD_LETTERS.name());
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final ReplicatedClusterExtension kafka = ReplicatedClusterExtension.withNodesInOwnProcess(TROUBLED_NODE);
    private static EmbeddedKafkaCluster cluster;
    private static IngestRuntime runtime;
    private static MllpServer server;
    private static Admin admin;
    private static DropwizardTestSupport<IngestConfiguration> fhir;

    @BeforeAll
    static void start() throws Exception {
        cluster = kafka.cluster();
        PublisherSettings publisher = new PublisherSettings(cluster.bootstrapServers(), "it-cluster", 2, 500, PUBLISH_TIMEOUT, Map.of());
        runtime = IngestRuntime.start(new IngestSettings(kafka.schemaRegistryUrl(), publisher, new SourceDefaults("spr-ingest", "UNKNOWN"),
                false, true, kafka.replicationFactor()));
        server = new MllpServer(new MllpSettings("127.0.0.1", 0, 32, 256 * 1024, Duration.ofSeconds(120)), runtime.pipeline()).start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
        fhir = new DropwizardTestSupport<>(IngestApplication.class, ResourceHelpers.resourceFilePath("ingest-it.yml"),
                ConfigOverride.config("bootstrapServers", cluster.bootstrapServers()),
                ConfigOverride.config("schemaRegistryUrl", kafka.schemaRegistryUrl()),
                ConfigOverride.config("transactionalIdPrefix", "it-cluster-fhir"),
                ConfigOverride.config("publishTimeoutSeconds", String.valueOf(PUBLISH_TIMEOUT.toSeconds())),
                ConfigOverride.config("provisionTopics", "false")); // the runtime above created them, replicated
        fhir.before();
    }

    @AfterAll
    static void stop() {
        if (fhir != null) {
            fhir.after();
        }
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void shouldLoseNoAcknowledgedMessageWhileTheBrokersRestartOneByOneUnderLoad() throws Exception {
        assertThat(replicationOf(Topics.CLINICAL_EVENTS.name())).as("replicas per partition").isEqualTo(3);
        Map<String, List<String>> answers = sendWithResendsWhile(Protocol.MLLP, "ROLL", "rolling restart of " + cluster.size() + " brokers",
                accepted -> cluster.rollingRestart(SYNC_TIMEOUT, node -> awaitAccepted(accepted, accepted.get() + 40), // taking messages while a node is down
                        node -> awaitAccepted(accepted, accepted.get() + 20)));
        assertThat(answers).as("every message taken at its first attempt").allSatisfy((id, codes) -> assertThat(codes).containsExactly("AA"));
    }

    @Test
    void shouldAskForAResendWhileTooFewReplicasAreInSyncAndTakeItOnceEnoughAre() throws Exception {
        cluster.stop(3);
        try {
            requireInSync(3); // one replica short of what every write now needs
            try (MllpTestClient mllp = new MllpTestClient(server.port())) {
                long start = System.nanoTime();
                String refused = mllp.send(Hl7Messages.oru("ISR-1", 7001));
                assertThat(refused).contains("MSA|AR|ISR-1").contains("SPR-2302").contains("Kafka did not confirm message ISR-1");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PUBLISH_TIMEOUT.multipliedBy(3));

                requireInSync(null); // back to the cluster's two
                assertThat(MllpTestClient.ackCode(mllp.send(Hl7Messages.oru("ISR-1", 7001)))).as("the sender's re-send").isEqualTo("AA");
            }
        } finally {
            requireInSync(null);
            cluster.start(3);
            cluster.awaitFullyReplicated(SYNC_TIMEOUT);
        }
        List<ConsumerRecord<String, ClinicalEvent>> events = TopicReader.readMatching(cluster.bootstrapServers(),
                runtime.topics().clinicalEvents(), r -> r.value().getSource().getMessageId().equals("ISR-1"), Protocol.MLLP.clinicalEvents,
                Duration.ofSeconds(60));
        // the refused attempt may still have been committed once the replicas caught up: same events, same ids
        assertThat(events.stream().map(r -> r.value().getEventId()).collect(Collectors.toSet())).hasSize(Protocol.MLLP.clinicalEvents);
    }

    @Test
    void shouldLoseNoAcknowledgedMessageAndDoubleNoneAcknowledgedAtOnceWhenABrokerIsKilledUnderLoad() throws Exception {
        sendWithResendsWhile(Protocol.MLLP, "CRASH", "broker " + TROUBLED_NODE + " killed and restarted",
                accepted -> loseAndBringBack(accepted, "killed", cluster::kill, cluster::start));
    }

    @Test
    void shouldLoseNoAcknowledgedBundleAndDoubleNoneAcknowledgedAtOnceWhenABrokerIsKilledUnderFhirLoad() throws Exception {
        sendWithResendsWhile(Protocol.FHIR, "FHIRCRASH", "broker " + TROUBLED_NODE + " killed and restarted",
                accepted -> loseAndBringBack(accepted, "killed", cluster::kill, cluster::start));
    }

    @Test
    void shouldLoseNoAcknowledgedMessageWhenABrokerFreezesAndWakesUpStale() throws Exception {
        // frozen: as a long GC pause or a partition, still connected, answering nothing; thawed, it wakes believing it
        // still leads its partitions
        sendWithResendsWhile(Protocol.MLLP, "FREEZE", "broker " + TROUBLED_NODE + " frozen and thawed",
                accepted -> loseAndBringBack(accepted, "frozen", cluster::freeze, cluster::thaw));
    }

    /** Loses node 3 until 40 more messages are taken without it, brings it back, and waits for 40 more once in sync. */
    private static void loseAndBringBack(AtomicInteger accepted, String what, EmbeddedKafkaCluster.Step lose,
                                         EmbeddedKafkaCluster.Step bringBack) throws Exception {
        cluster.loseAndBringBack(TROUBLED_NODE, lose, bringBack, SYNC_TIMEOUT, node -> {
            long lostAt = System.nanoTime();
            awaitAccepted(accepted, accepted.get() + 40); // the others have taken over its partitions
            System.out.printf("node %d %s; 40 more messages taken after %.1f s%n", node, what, (System.nanoTime() - lostAt) / 1e9);
        }, node -> awaitAccepted(accepted, accepted.get() + 40));
    }

    /**
     * Four senders send messages over {@code protocol} while {@code trouble} happens to the cluster, each re-sending a
     * message it is told to re-send until it is taken, as an interface engine does; afterwards the cluster is left fully
     * replicated. Then every message must have been taken, with its events and its raw message on the topics; one taken
     * at its first attempt exactly once, a re-sent one with the same event ids each time it was stored. Returns every
     * answer to each message (by the message id its events carry), in order.
     */
    private static Map<String, List<String>> sendWithResendsWhile(Protocol protocol, String prefix, String trouble, Trouble action)
            throws Exception {
        Map<String, List<String>> answers = new ConcurrentHashMap<>(); // every answer to each message, in order
        AtomicInteger accepted = new AtomicInteger();
        AtomicBoolean sending = new AtomicBoolean(true);
        int senders = 4;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Future<?>> running = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            running.add(pool.submit(() -> {
                try (Sender connection = protocol.connect()) {
                    for (int i = 0; sending.get(); i++) {
                        String id = prefix + sender + "-" + i;
                        List<String> codes = answers.computeIfAbsent(protocol.messageId(id), k -> new ArrayList<>());
                        long giveUp = System.nanoTime() + GIVE_UP.toNanos();
                        while (true) { // an interface engine re-sends until the message is taken
                            String code = connection.send(id, sender * 10_000 + i);
                            codes.add(code);
                            if (protocol.taken.equals(code)) {
                                accepted.incrementAndGet();
                                break;
                            }
                            if (System.nanoTime() > giveUp) {
                                return null; // the assertion on answers reports it
                            }
                            Thread.sleep(100);
                        }
                    }
                }
                return null;
            }));
        }
        long began = System.nanoTime();
        awaitAccepted(accepted, 40);
        action.run(accepted);
        cluster.awaitFullyReplicated(SYNC_TIMEOUT);
        awaitAccepted(accepted, accepted.get() + 20);
        sending.set(false);
        for (Future<?> f : running) {
            f.get(GIVE_UP.plusSeconds(30).toSeconds(), TimeUnit.SECONDS);
        }
        pool.shutdown();

        Set<String> resent = answers.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).collect(Collectors.toSet());
        System.out.printf("%s under %s load: %d messages over %d connections in %.1f s, %d of them re-sent (answers %s)%n", trouble,
                protocol, answers.size(), senders, (System.nanoTime() - began) / 1e9, resent.size(),
                answers.values().stream().flatMap(List::stream).collect(Collectors.groupingBy(c -> c, Collectors.counting())));
        assertThat(answers).as("every message finally taken").allSatisfy((id, codes) -> assertThat(codes).last().isEqualTo(protocol.taken));
        assertThat(answers.values().stream().flatMap(List::stream)).as("answers")
                .allMatch(c -> c.equals(protocol.taken) || c.equals(protocol.resend));

        String ids = protocol.messageId(prefix);
        List<ConsumerRecord<String, ClinicalEvent>> events = TopicReader.readMatching(cluster.bootstrapServers(),
                runtime.topics().clinicalEvents(), r -> r.value().getSource().getMessageId().startsWith(ids),
                answers.size() * protocol.clinicalEvents, Duration.ofSeconds(90));
        Map<String, List<String>> eventIdsByMessage = events.stream().collect(Collectors.groupingBy(
                r -> r.value().getSource().getMessageId(), Collectors.mapping(r -> r.value().getEventId(), Collectors.toList())));
        assertThat(eventIdsByMessage.keySet()).as("messages with their events on the topic").isEqualTo(answers.keySet());
        assertThat(eventIdsByMessage).allSatisfy((id, eventIds) -> {
            assertThat(Set.copyOf(eventIds)).as("event ids of %s", id).hasSize(protocol.clinicalEvents);
            if (!resent.contains(id)) {
                assertThat(eventIds).as("events of %s, taken at its first attempt", id).hasSize(protocol.clinicalEvents);
            }
        });
        Map<String, Long> rawByMessage = TopicReader.readMatching(cluster.bootstrapServers(), runtime.topics().inboundRaw(),
                        r -> r.key().startsWith(ids), answers.size(), Duration.ofSeconds(60))
                .stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting())); // keyed by message id
        assertThat(rawByMessage.keySet()).as("raw messages kept").isEqualTo(answers.keySet());
        assertThat(rawByMessage).allSatisfy((id, count) -> assertThat(count <= 1 || resent.contains(id)).as("%s kept %d times", id, count).isTrue());
        return answers;
    }

    /** How a sender hands ingest a message, and what the answers that matter are. */
    private enum Protocol {
        /** An ORU^R01 with two results over an MLLP connection: {@code AA} taken, {@code AR} re-send. */
        MLLP("AA", "AR", 3) { // two results and the report, as in MllpIngestIT
            @Override
            Sender connect() throws Exception {
                MllpTestClient mllp = new MllpTestClient(server.port());
                return new Sender() {
                    @Override
                    public String send(String id, int patient) throws Exception {
                        return MllpTestClient.ackCode(mllp.send(Hl7Messages.oru(id, patient)));
                    }

                    @Override
                    public void close() throws Exception {
                        mllp.close();
                    }
                };
            }

            @Override
            String messageId(String id) {
                return id; // MSH-10
            }
        },
        /** A transaction Bundle (a patient, a condition, an observation) POSTed to the ingest service: 200 taken, 503 re-send. */
        FHIR("200", "503", 3) { // the patient's demographics, the condition and the observation
            @Override
            Sender connect() {
                URI endpoint = URI.create("http://localhost:" + fhir.getLocalPort() + "/fhir");
                return (id, patient) -> {
                    HttpRequest request = HttpRequest.newBuilder(endpoint).header("Content-Type", "application/fhir+json")
                            .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(bundle(id, patient))).build();
                    return String.valueOf(HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
                };
            }

            @Override
            String messageId(String id) {
                return "Bundle/" + id;
            }
        };

        final String taken;
        final String resend;
        final int clinicalEvents; // per message, on the clinical events topic

        Protocol(String taken, String resend, int clinicalEvents) {
            this.taken = taken;
            this.resend = resend;
            this.clinicalEvents = clinicalEvents;
        }

        abstract Sender connect() throws Exception;

        /** The id a message's events and raw record carry. */
        abstract String messageId(String id);
    }

    /** One sender's connection: sends a message and returns the answer's code. */
    @FunctionalInterface
    private interface Sender extends AutoCloseable {
        String send(String id, int patient) throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    /** A transaction Bundle with its own id, and resource ids of its own, for test patient number {@code patient}. */
    private static String bundle(String id, int patient) {
        String nhs = NhsNumber.testNumber(patient);
        return """
                {"resourceType": "Bundle", "id": "%1$s", "type": "transaction", "entry": [
                  {"fullUrl": "urn:uuid:%1$s-p", "request": {"method": "POST", "url": "Patient"},
                   "resource": {"resourceType": "Patient", "id": "%1$s-p",
                     "identifier": [{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "%2$s"}],
                     "name": [{"family": "Test", "given": ["Patient%3$d"]}], "gender": "female", "birthDate": "1980-01-01"}},
                  {"fullUrl": "urn:uuid:%1$s-c", "request": {"method": "POST", "url": "Condition"},
                   "resource": {"resourceType": "Condition", "id": "%1$s-c", "subject": {"reference": "urn:uuid:%1$s-p"},
                     "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]},
                     "code": {"coding": [{"system": "http://snomed.info/sct", "code": "38341003", "display": "Hypertension"}]},
                     "recordedDate": "2026-03-02"}},
                  {"fullUrl": "urn:uuid:%1$s-o", "request": {"method": "POST", "url": "Observation"},
                   "resource": {"resourceType": "Observation", "id": "%1$s-o", "status": "final", "subject": {"reference": "urn:uuid:%1$s-p"},
                     "code": {"coding": [{"system": "http://snomed.info/sct", "code": "271649006", "display": "Systolic blood pressure"}]},
                     "effectiveDateTime": "2026-03-02T09:00:00Z",
                     "valueQuantity": {"value": 150, "unit": "mmHg", "system": "http://unitsofmeasure.org", "code": "mm[Hg]"}}}
                ]}""".formatted(id, nhs, patient);
    }

    @FunctionalInterface
    private interface Trouble {
        void run(AtomicInteger accepted) throws Exception;
    }

    private static void awaitAccepted(AtomicInteger accepted, int atLeast) {
        await(atLeast + " messages accepted").atMost(SYNC_TIMEOUT).pollInterval(Duration.ofMillis(20)).until(accepted::get, n -> n >= atLeast);
    }

    private static int replicationOf(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().get(0).replicas().size();
    }

    /** Sets (or, with null, removes) the ingest topics' own {@code min.insync.replicas}. */
    private static void requireInSync(Integer replicas) throws Exception {
        for (String topic : INGEST_TOPICS) {
            cluster.requireInSync(topic, replicas);
        }
    }
}

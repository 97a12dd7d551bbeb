package org.openspr.ingest.mllp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
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
import org.openspr.ingest.IngestRuntime;
import org.openspr.ingest.IngestSettings;
import org.openspr.ingest.map.SourceDefaults;
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
 * leader, so some senders are told to re-send; they do, as an interface engine does. No acknowledged message may be
 * missing, none taken at its first attempt stored twice, and a re-sent one is stored with its same event ids.
 */
class MllpReplicatedClusterIT {
    private static final int EVENTS_PER_ORU = 3; // two results and the report, as in MllpIngestIT
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration GIVE_UP = Duration.ofSeconds(90);
    private static final int TROUBLED_NODE = 3;
    private static final List<String> INGEST_TOPICS = List.of(Topics.INBOUND_RAW.name(), Topics.CLINICAL_EVENTS.name(),
            Topics.IDENTITY_EVENTS.name(), Topics.INBOUND_DEAD_LETTERS.name());

    @RegisterExtension
    static final ReplicatedClusterExtension kafka = ReplicatedClusterExtension.withNodesInOwnProcess(TROUBLED_NODE);
    private static EmbeddedKafkaCluster cluster;
    private static IngestRuntime runtime;
    private static MllpServer server;
    private static Admin admin;

    @BeforeAll
    static void start() {
        cluster = kafka.cluster();
        PublisherSettings publisher = new PublisherSettings(cluster.bootstrapServers(), "it-cluster", 2, 500, PUBLISH_TIMEOUT, Map.of());
        runtime = IngestRuntime.start(new IngestSettings(kafka.schemaRegistryUrl(), publisher, new SourceDefaults("spr-ingest", "UNKNOWN"),
                false, true, kafka.replicationFactor()));
        server = new MllpServer(new MllpSettings("127.0.0.1", 0, 32, 256 * 1024, Duration.ofSeconds(120)), runtime.pipeline()).start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
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
        Map<String, List<String>> answers = sendWithResendsWhile("ROLL", "rolling restart of " + cluster.size() + " brokers",
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
                runtime.topics().clinicalEvents(), r -> r.value().getSource().getMessageId().equals("ISR-1"), EVENTS_PER_ORU,
                Duration.ofSeconds(60));
        // the refused attempt may still have been committed once the replicas caught up: same events, same ids
        assertThat(events.stream().map(r -> r.value().getEventId()).collect(Collectors.toSet())).hasSize(EVENTS_PER_ORU);
    }

    @Test
    void shouldLoseNoAcknowledgedMessageAndDoubleNoneAcknowledgedAtOnceWhenABrokerIsKilledUnderLoad() throws Exception {
        sendWithResendsWhile("CRASH", "broker " + TROUBLED_NODE + " killed and restarted",
                accepted -> loseAndBringBack(accepted, "killed", cluster::kill, cluster::start));
    }

    @Test
    void shouldLoseNoAcknowledgedMessageWhenABrokerFreezesAndWakesUpStale() throws Exception {
        // frozen: as a long GC pause or a partition, still connected, answering nothing; thawed, it wakes believing it
        // still leads its partitions
        sendWithResendsWhile("FREEZE", "broker " + TROUBLED_NODE + " frozen and thawed",
                accepted -> loseAndBringBack(accepted, "frozen", cluster::freeze, cluster::thaw));
    }

    /** Loses node 3 until 40 more messages are taken without it, brings it back, and waits for 40 more. */
    private static void loseAndBringBack(AtomicInteger accepted, String what, EmbeddedKafkaCluster.Step lose,
                                         EmbeddedKafkaCluster.Step bringBack) throws Exception {
        lose.run(TROUBLED_NODE);
        long lostAt = System.nanoTime();
        awaitAccepted(accepted, accepted.get() + 40); // the others have taken over its partitions
        System.out.printf("node %d %s; 40 more messages taken after %.1f s%n", TROUBLED_NODE, what, (System.nanoTime() - lostAt) / 1e9);
        bringBack.run(TROUBLED_NODE);
        awaitAccepted(accepted, accepted.get() + 40);
    }

    /**
     * Four senders send ORU messages while {@code trouble} happens to the cluster, each re-sending a message answered
     * {@code AR} until it is taken, as an interface engine does; afterwards the cluster is left fully replicated. Then
     * every message must have been taken, with its events and its raw message on the topics; one taken at its first
     * attempt exactly once, a re-sent one with the same event ids each time it was stored. Returns every answer to
     * each message, in order.
     */
    private static Map<String, List<String>> sendWithResendsWhile(String prefix, String trouble, Trouble action) throws Exception {
        Map<String, List<String>> answers = new ConcurrentHashMap<>(); // every answer to each message, in order
        AtomicInteger accepted = new AtomicInteger();
        AtomicBoolean sending = new AtomicBoolean(true);
        int senders = 4;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Future<?>> running = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            running.add(pool.submit(() -> {
                try (MllpTestClient mllp = new MllpTestClient(server.port())) {
                    for (int i = 0; sending.get(); i++) {
                        String id = prefix + sender + "-" + i;
                        String message = Hl7Messages.oru(id, sender * 10_000 + i);
                        List<String> codes = answers.computeIfAbsent(id, k -> new ArrayList<>());
                        long giveUp = System.nanoTime() + GIVE_UP.toNanos();
                        while (true) { // an interface engine re-sends until the message is taken
                            String code = MllpTestClient.ackCode(mllp.send(message));
                            codes.add(code);
                            if ("AA".equals(code)) {
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
        System.out.printf("%s under load: %d messages over %d connections in %.1f s, %d of them re-sent (answers %s)%n", trouble,
                answers.size(), senders, (System.nanoTime() - began) / 1e9, resent.size(),
                answers.values().stream().flatMap(List::stream).collect(Collectors.groupingBy(c -> c, Collectors.counting())));
        assertThat(answers).as("every message finally taken").allSatisfy((id, codes) -> assertThat(codes).last().isEqualTo("AA"));
        assertThat(answers.values().stream().flatMap(List::stream)).as("answers").allMatch(c -> c.equals("AA") || c.equals("AR"));

        List<ConsumerRecord<String, ClinicalEvent>> events = TopicReader.readMatching(cluster.bootstrapServers(),
                runtime.topics().clinicalEvents(), r -> r.value().getSource().getMessageId().startsWith(prefix),
                answers.size() * EVENTS_PER_ORU, Duration.ofSeconds(90));
        Map<String, List<String>> eventIdsByMessage = events.stream().collect(Collectors.groupingBy(
                r -> r.value().getSource().getMessageId(), Collectors.mapping(r -> r.value().getEventId(), Collectors.toList())));
        assertThat(eventIdsByMessage.keySet()).as("messages with their events on the topic").isEqualTo(answers.keySet());
        assertThat(eventIdsByMessage).allSatisfy((id, ids) -> {
            assertThat(Set.copyOf(ids)).as("event ids of %s", id).hasSize(EVENTS_PER_ORU);
            if (!resent.contains(id)) {
                assertThat(ids).as("events of %s, taken at its first attempt", id).hasSize(EVENTS_PER_ORU);
            }
        });
        List<ConsumerRecord<String, byte[]>> raw = TopicReader.readMatching(cluster.bootstrapServers(), runtime.topics().inboundRaw(),
                r -> new String(r.value(), StandardCharsets.UTF_8).contains("|" + prefix), answers.size(), Duration.ofSeconds(60));
        Map<String, Long> rawByMessage = raw.stream().collect(Collectors.groupingBy(
                r -> new String(r.value(), StandardCharsets.UTF_8).replaceAll("(?s).*\\|(" + prefix + "\\d+-\\d+)\\|.*", "$1"),
                Collectors.counting()));
        assertThat(rawByMessage.keySet()).as("raw messages kept").isEqualTo(answers.keySet());
        assertThat(rawByMessage).allSatisfy((id, count) -> assertThat(count <= 1 || resent.contains(id)).as("%s kept %d times", id, count).isTrue());
        return answers;
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

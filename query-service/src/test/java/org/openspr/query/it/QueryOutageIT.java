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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openspr.embedded.junit.LocalPlatformExtension;
import org.openspr.embedded.kafka.FreePorts;
import org.openspr.events.avro.AccessOutcome;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.RecordAccessed;
import org.openspr.events.nhs.NhsNumber;
import org.openspr.events.registry.RestSchemaRegistryClient;
import org.openspr.events.topics.Topics;
import org.openspr.projector.app.ProjectorConfig;
import org.openspr.projector.app.RecordProjectorApp;
import org.openspr.query.auth.DevTokenIssuer;
import org.openspr.query.cli.EmbeddedQueryService;
import org.openspr.query.cli.StreamsBindings;
import org.openspr.query.core.RecordEntry;
import org.openspr.query.testing.AuditTopicReader;
import org.openspr.query.testing.TestConfig;
import org.openspr.query.testing.TestRecords;

/**
 * The query service through a whole-cluster Kafka outage several times longer than its projector's task timeout and
 * its clients' blocking timeouts: while Kafka is away no read releases data (the audit event cannot be written), and
 * once it is back the same instance, without a restart, serves and audits reads again and projects new events.
 */
class QueryOutageIT {
    private static final Duration OUTAGE = Duration.ofSeconds(15);
    private static final Duration TASK_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final LocalPlatformExtension platform = new LocalPlatformExtension();

    @Test
    void shouldReleaseNothingDuringAnOutageAndServeAgainWithoutARestartAfterIt() throws Exception {
        Topics topics = Topics.create(new RestSchemaRegistryClient(platform.schemaRegistryUrl()));
        DevTokenIssuer issuer = DevTokenIssuer.open(platform.dataDir().resolve("dev-issuer"));
        String before = NhsNumber.testNumber(4100);
        String after = NhsNumber.testNumber(4200);
        int port = FreePorts.next();
        ProjectorConfig projectorConfig = ProjectorConfig.local(platform.bootstrapServers(), platform.schemaRegistryUrl(),
                        "spr-record-projector-outage-it", platform.dataDir().resolve("projector"))
                .withApplicationServer("localhost:" + port)
                // Streams gives up on a task after task.timeout.ms, and its clients on a call after max.block.ms:
                // the outage lasts several of each.
                .withClientProperties(Map.of(StreamsConfig.TASK_TIMEOUT_MS_CONFIG, String.valueOf(TASK_TIMEOUT.toMillis()),
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(CLIENT_TIMEOUT.toMillis())));
        try (RecordProjectorApp projector = new RecordProjectorApp(projectorConfig).start()) {
            publish(topics, before, "Hypertension");
            var config = TestConfig.onKafka(EmbeddedQueryService.shippedConfiguration(), platform.bootstrapServers(),
                    platform.schemaRegistryUrl(), platform.dataDir().resolve("dev-issuer"), port);
            try (EmbeddedQueryService service = EmbeddedQueryService.start(config, new StreamsBindings(projector.streams(), null, "localhost:" + port))) {
                Reader reader = new Reader(service.port(), issuer);
                await("record readable").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                        .until(() -> reader.read(before, "warm-" + System.nanoTime()).body().contains("Hypertension"));
                Served beforeOutage = reader.served(before, "before-outage");
                assertThat(beforeOutage.response().body()).contains("Hypertension");

                platform.stop();
                List<String> duringOutage = new ArrayList<>();
                long end = System.nanoTime() + OUTAGE.toNanos();
                for (int i = 0; System.nanoTime() < end; i++) {
                    long began = System.nanoTime();
                    HttpResponse<String> refused = reader.read(before, "outage-" + i);
                    duringOutage.add(refused.statusCode() + " after " + (System.nanoTime() - began) / 1_000_000 + " ms: " + refused.body());
                    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                    assertThat(refused.body()).contains("SPR-4102").doesNotContain("Hypertension");
                    assertThat(Duration.ofNanos(System.nanoTime() - began)).as("answered within the audit timeout")
                            .isLessThan(config.audit.ackTimeout.toJavaDuration().plusSeconds(2));
                }
                System.out.printf("%d reads during the outage, first: %s%n", duringOutage.size(), duringOutage.get(0));
                platform.start();

                Served afterOutage = reader.served(before, "after-outage");
                assertThat(afterOutage.response().body()).contains("Hypertension");
                publish(topics, after, "Asthma");
                await("an event published after the outage is projected").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                        .until(() -> reader.read(after, "new-" + System.nanoTime()).body().contains("Asthma"));
                assertThat(projector.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);

                Map<String, List<RecordAccessed>> audited = AuditTopicReader.eventsOf(platform.bootstrapServers(), topics,
                        Set.of(beforeOutage.requestId(), afterOutage.requestId()));
                assertThat(audited).containsOnlyKeys(beforeOutage.requestId(), afterOutage.requestId()).allSatisfy((id, events) -> {
                    assertThat(events).as(id).hasSize(1);
                    assertThat(events.get(0).getOutcome()).isEqualTo(AccessOutcome.PERMITTED);
                });
            }
        }
    }

    private static void publish(Topics topics, String nhsNumber, String condition) {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, ClinicalEvent> producer = new KafkaProducer<>(props, new StringSerializer(),
                topics.clinicalEvents().valueSerde().serializer())) {
            for (RecordEntry entry : TestRecords.patient(nhsNumber).registeredAt("A81001")
                    .condition("195967001", condition).build().entries()) {
                producer.send(new ProducerRecord<>(topics.clinicalEvents().name(), nhsNumber, entry.current()));
            }
            producer.flush();
        }
    }

    /** A read answered 200, and the request id it was made with. */
    private record Served(String requestId, HttpResponse<String> response) {
    }

    /** A clinician at the patient's practice reading the record over HTTP. */
    private record Reader(int port, DevTokenIssuer issuer) {
        /**
         * Reads until a read is served, each attempt with a request id of its own ({@code prefix-1}, {@code prefix-2},
         * ...), as a client retries a 503: the projector may rebalance again just after it first serves (a Streams
         * instance rejoining its group), and a read during a rebalance is refused with SPR-4101.
         */
        Served served(String nhsNumber, String prefix) {
            int[] attempt = {0};
            HttpResponse<String> response = await(prefix + " read served").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> read(nhsNumber, prefix + "-" + ++attempt[0]), r -> r.statusCode() == 200);
            return new Served(prefix + "-" + attempt[0], response);
        }

        HttpResponse<String> read(String nhsNumber, String requestId) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/patients/" + nhsNumber + "/record"))
                    .header("Authorization", "Bearer " + issuer.mintStaff("dr-it", "R8000", "A81001", Duration.ofMinutes(5)))
                    .header("X-Request-Id", requestId).timeout(Duration.ofSeconds(30)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}

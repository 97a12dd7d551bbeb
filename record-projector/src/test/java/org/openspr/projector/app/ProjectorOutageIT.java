package org.openspr.projector.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openspr.projector.testing.Events.condition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openspr.embedded.junit.LocalPlatformExtension;
import org.openspr.events.avro.RecordItem;
import org.openspr.events.nhs.NhsNumber;
import org.openspr.projector.testing.Broker;
import org.openspr.projector.testing.Events;

/**
 * A Kafka outage several times longer than Streams' task timeout ({@code task.timeout.ms}) and than its clients'
 * blocking timeout ({@code max.block.ms}), starting while events are still arriving and being applied. The projector
 * must stay up through it (no stream thread may die, which would stop the instance: state ERROR) and, once the
 * cluster is back, apply everything exactly once without a restart.
 */
class ProjectorOutageIT {
    @RegisterExtension
    static final LocalPlatformExtension platform = new LocalPlatformExtension();
    private static final Duration TASK_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration OUTAGE = Duration.ofSeconds(15);
    private static final int PATIENTS = 20;
    private static final int FIRST = 7100;

    @Test
    void shouldStayUpThroughAnOutageLongerThanItsTimeoutsAndApplyEverythingOnceAfterIt() throws Exception {
        String applicationId = "it-outage";
        Path dataRoot = Files.createDirectories(platform.dataDir().resolve(applicationId));
        ProjectorConfig config = ProjectorConfig.local(platform.bootstrapServers(), platform.schemaRegistryUrl(), applicationId, dataRoot)
                .withClientProperties(Map.of(StreamsConfig.TASK_TIMEOUT_MS_CONFIG, String.valueOf(TASK_TIMEOUT.toMillis()),
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(CLIENT_TIMEOUT.toMillis())));
        try (RecordProjectorApp app = new RecordProjectorApp(config).start()) {
            assertThat(app.awaitRunning(Duration.ofMinutes(2))).isTrue();
            int sent;
            try (Broker broker = new Broker(platform.bootstrapServers(), platform.schemaRegistryUrl())) {
                // Events keep arriving until the moment the cluster goes, so some are unapplied when it does.
                AtomicBoolean publishing = new AtomicBoolean(true);
                CompletableFuture<Integer> publisher = CompletableFuture.supplyAsync(() -> {
                    int n = 0;
                    for (; publishing.get(); n++) {
                        broker.send(item(n).version("1", Instant.parse("2026-01-01T00:00:00Z")));
                    }
                    broker.flush();
                    return n;
                });
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> broker.committedViewChanges().size() >= 500);
                publishing.set(false);
                sent = publisher.join();
            }
            platform.stop();
            await("no stream thread dies while the cluster is away").during(OUTAGE).atMost(OUTAGE.plusSeconds(10))
                    .pollInterval(Duration.ofMillis(100)).until(() -> app.streams().state(),
                            state -> state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR);
            platform.start();

            try (Broker broker = new Broker(platform.bootstrapServers(), platform.schemaRegistryUrl())) {
                for (int n = 0; n < sent; n++) {
                    broker.send(item(n).version("2", Instant.parse("2026-02-01T00:00:00Z")));
                }
                broker.flush();
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                        .until(() -> broker.committedViewChanges().size() >= 2 * sent);
                List<ConsumerRecord<String, RecordItem>> changes = broker.committedViewChanges();
                Map<String, Long> perItem = changes.stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
                System.out.printf("%d events sent until the outage began%n", sent);
                assertThat(changes).hasSize(2 * sent);
                assertThat(perItem).hasSize(sent).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(2L));
            }
            assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    private static Events.Builder item(int n) {
        return condition("outage-" + n, "c" + n, "active").nhs(NhsNumber.testNumber(FIRST + n % PATIENTS));
    }
}

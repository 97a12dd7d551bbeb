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
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openspr.embedded.junit.LocalPlatformExtension;
import org.openspr.events.avro.RecordItem;
import org.openspr.events.nhs.NhsNumber;
import org.openspr.projector.testing.Broker;
import org.openspr.projector.testing.ProjectorProcess;

/**
 * Exactly-once across a crash: the projector runs in a child JVM that is SIGKILLed while events are still arriving
 * and being applied, then started again on the same state directory. Every event must end up applied once: one
 * committed view change per event, and every item holding exactly its versions.
 */
class KillAndRestartIT {
    @RegisterExtension
    static final LocalPlatformExtension platform = new LocalPlatformExtension();
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final int PATIENTS = 20;
    private static final int ITEMS = 50;
    private static final int FIRST = 7000;
    /** Both processes are the same static group member, as a restarted instance with a configured instance id is. */
    private static final String INSTANCE = "it-kill-instance";

    @Test
    void shouldLoseAndDuplicateNothingWhenKilledMidStream() throws Exception {
        String applicationId = "it-kill";
        Path dataRoot = Files.createDirectories(platform.dataDir().resolve(applicationId));
        Path log = platform.dataDir().resolve(applicationId + ".log");
        try (Broker broker = new Broker(platform.bootstrapServers(), platform.schemaRegistryUrl())) {
            publish(broker, "1", Instant.parse("2026-01-01T00:00:00Z"));

            long atKill;
            try (ProjectorProcess first = ProjectorProcess.start(platform.bootstrapServers(), platform.schemaRegistryUrl(),
                    applicationId, dataRoot, log, INSTANCE)) {
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> changes(broker).size() >= PATIENTS * ITEMS / 4);
                // Second versions arrive while the first instance is applying; it dies in the middle of them.
                CompletableFuture<Void> second = CompletableFuture.runAsync(() -> publish(broker, "2", Instant.parse("2026-02-01T00:00:00Z")));
                second.join();
                first.kill();
                atKill = changes(broker).size();
            }
            assertThat(atKill).as("killed before everything was applied").isLessThan(2L * PATIENTS * ITEMS);

            try (ProjectorProcess second = ProjectorProcess.start(platform.bootstrapServers(), platform.schemaRegistryUrl(),
                    applicationId, dataRoot, log, INSTANCE)) {
                try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()))) {
                    // No lag: every input (incl. the repartition topics) is committed, so any duplicate would be too.
                    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                            .until(() -> new ProjectorGroupLag(admin).of(applicationId).lag() == 0);
                }
                second.kill();
            }
            List<ConsumerRecord<String, RecordItem>> changes = changes(broker);
            Map<String, Long> perItem = changes.stream().collect(Collectors.groupingBy(ConsumerRecord::key, TreeMap::new, Collectors.counting()));
            assertThat(changes).hasSize(2 * PATIENTS * ITEMS);
            assertThat(perItem).hasSize(PATIENTS * ITEMS).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(2L));
            // The last committed change of each item carries both versions, in order.
            Map<String, RecordItem> last = changes.stream().collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::value, (a, b) -> b));
            assertThat(last.values()).allSatisfy(item -> assertThat(item.getHistory()).extracting(e -> e.getSourceVersion())
                    .containsExactly("1", "2"));
        }
        assertThat(Files.readString(log)).contains("PROJECTOR RUNNING");
    }

    private static void publish(Broker broker, String version, Instant at) {
        for (int p = 0; p < PATIENTS; p++) {
            String nhs = NhsNumber.testNumber(FIRST + p);
            for (int i = 0; i < ITEMS; i++) {
                broker.send(condition("kill-" + p + "-" + i, "c" + i, "active").nhs(nhs).version(version, at));
            }
        }
        broker.flush();
    }

    private static List<ConsumerRecord<String, RecordItem>> changes(Broker broker) {
        return broker.committedViewChanges();
    }
}

package org.openspr.projector.bench;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openspr.embedded.junit.LocalPlatformExtension;
import org.openspr.events.nhs.NhsNumber;
import org.openspr.projector.app.ProjectorConfig;
import org.openspr.projector.app.ProjectorGroupLag;
import org.openspr.projector.app.RecordProjectorApp;
import org.openspr.projector.testing.Broker;
import static org.awaitility.Awaitility.await;
import static org.openspr.projector.testing.Events.condition;

/**
 * End-to-end projector throughput on the in-process broker with exactly-once: N clinical events (keyed by NHS number,
 * 10 items per patient) are published first; then a projector with a fresh application id (so it starts from the
 * beginning) projects them. The clock runs from RUNNING until its consumer group has no lag on any input or
 * repartition topic, which under exactly-once means every view change and store update is committed. Broker,
 * registry and projector share the machine. Not part of the build: run with
 * {@code mvn -B -pl record-projector -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ProjectorThroughputBench}
 * (-Dbench.events=100000, -Dbench.runs=5, -Dbench.warmups=1 (the first run warms the JIT; not in the median), -Dbench.threads=2, -Dbench.commitMs=100, -Dbench.client.<kafka property>=value).
 */
class ProjectorThroughputBench {
    @RegisterExtension
    static final LocalPlatformExtension platform = new LocalPlatformExtension();

    @Test
    void shouldReportEventsPerSecondThroughTheBroker() throws Exception {
        int events = Integer.getInteger("bench.events", 100_000);
        int runs = Integer.getInteger("bench.runs", 5);
        int warmups = Integer.getInteger("bench.warmups", 1);
        int threads = Integer.getInteger("bench.threads", 2);
        int itemsPerPatient = 10;
        try (Broker broker = new Broker(platform.bootstrapServers(), platform.schemaRegistryUrl());
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()))) {
            long published = System.nanoTime();
            for (int e = 0; e < events; e++) {
                String nhs = NhsNumber.testNumber(200_000 + e / itemsPerPatient);
                broker.send(condition("bench-" + e, "code-" + e % itemsPerPatient, "active").nhs(nhs)
                        .version("1", Instant.parse("2026-01-01T00:00:00Z").plusSeconds(e % itemsPerPatient)));
            }
            broker.flush();
            System.out.printf("BENCH published %d events in %.1f s%n", events, (System.nanoTime() - published) / 1e9);
            List<Double> rates = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                String applicationId = "bench-projector-" + run;
                ProjectorConfig config = new ProjectorConfig(platform.bootstrapServers(), platform.schemaRegistryUrl(), applicationId,
                        Files.createDirectories(platform.dataDir().resolve(applicationId)), 0, threads, (short) 1, null,
                        Duration.ofMillis(Long.getLong("bench.commitMs", ProjectorConfig.DEFAULT_COMMIT_INTERVAL.toMillis())),
                        clientProperties());
                try (RecordProjectorApp app = new RecordProjectorApp(config).start()) {
                    if (!app.awaitRunning(Duration.ofMinutes(2))) {
                        throw new IllegalStateException("projector did not start");
                    }
                    long start = System.nanoTime();
                    await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                            .until(() -> new ProjectorGroupLag(admin).of(applicationId).lag() == 0);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (run > warmups) {
                        rates.add(events / seconds);
                    }
                    System.out.printf("BENCH run %d%s: %d events in %.2f s = %.0f events/s (%d stream threads)%n", run,
                            run <= warmups ? " (warm-up)" : "", events, seconds, events / seconds, threads);
                }
            }
            List<Double> sorted = rates.stream().sorted().toList();
            System.out.printf("BENCH median: %.0f events/s end to end (exactly-once, %d stream threads) over %d runs of %d after %d warm-up (runs: %s)%n",
                    median(sorted), threads, rates.size(), events, warmups,
                    rates.stream().map(r -> String.format("%.0f", r)).collect(Collectors.joining(", ")));
        }
    }

    private static double median(List<Double> sorted) {
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    // -Dbench.client.<property>=<value> passes client properties to the projector, e.g. -Dbench.client.producer.batch.size=262144.
    private static java.util.Map<String, String> clientProperties() {
        java.util.Map<String, String> props = new java.util.HashMap<>();
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("bench.client."))
                .forEach(name -> props.put(name.substring("bench.client.".length()), System.getProperty(name)));
        return props;
    }
}

package org.openspr.audit.bench;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openspr.audit.alerts.AlertRules;
import org.openspr.audit.app.AuditLedgerApp;
import org.openspr.audit.app.AuditLedgerConfig;
import org.openspr.audit.ledger.CheckpointPolicy;
import org.openspr.audit.ledger.SigningKeys;
import org.openspr.audit.support.AuditEvents;
import org.openspr.embedded.junit.LocalPlatformExtension;
import org.openspr.events.avro.RecordAccessed;
import org.openspr.events.registry.RestSchemaRegistryClient;
import org.openspr.events.topics.TopicProvisioner;
import org.openspr.events.topics.Topics;

/**
 * Ledger throughput on the in-process broker: N audit events are produced first, then a fresh audit stream (new
 * application id, so it starts from the beginning) ledgers them; the clock runs from RUNNING until the app has
 * committed its input offsets for all N, which under exactly-once means the ledger entries are committed too.
 * Not part of the build: run with
 * {@code mvn -B -pl audit-stream -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=LedgerThroughputBench}
 * (-Dbench.events=..., -Dbench.runs=..., -Dbench.ledgerOnly=true, -Dbench.commitMs=1000).
 */
class LedgerThroughputBench {
    @RegisterExtension
    static final LocalPlatformExtension platform = new LocalPlatformExtension();

    @Test
    void shouldReportLedgerEntriesPerSecond() throws Exception {
        int events = Integer.getInteger("bench.events", 100_000);
        int runs = Integer.getInteger("bench.runs", 3);
        boolean ledgerOnly = Boolean.getBoolean("bench.ledgerOnly");
        Map<String, Object> overrides = Map.of("commit.interval.ms", Integer.getInteger("bench.commitMs", 100));
        Topics topics = Topics.create(new RestSchemaRegistryClient(platform.schemaRegistryUrl()));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()))) {
            new TopicProvisioner(admin, (short) 1).ensure(AuditLedgerApp.TOPICS);
            produce(topics, events);
            List<Double> rates = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                String applicationId = "bench-audit-" + run;
                AuditLedgerConfig config = new AuditLedgerConfig(platform.bootstrapServers(), platform.schemaRegistryUrl(), applicationId,
                        platform.dataDir().resolve(applicationId), SigningKeys.generate(),
                        new CheckpointPolicy(1000, Duration.ofSeconds(10)), AlertRules.defaults(), (short) 1, overrides, ledgerOnly);
                try (AuditLedgerApp app = new AuditLedgerApp(config).start().awaitRunning(Duration.ofSeconds(120))) {
                    long start = System.nanoTime();
                    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                            .until(() -> committed(admin, applicationId) >= events);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    rates.add(events / seconds);
                    System.out.printf("BENCH run %d: %d entries in %.2f s = %.0f entries/s%n", run, events, seconds, events / seconds);
                }
            }
            List<Double> sorted = rates.stream().sorted().collect(Collectors.toList());
            System.out.printf("BENCH median (ledgerOnly=%s, %s): %.0f entries/s over %d runs of %d (all runs: %s)%n", ledgerOnly,
                    overrides, sorted.get(sorted.size() / 2), runs, events, rates.stream().map(r -> String.format("%.0f", r)).collect(Collectors.joining(", ")));
        }
    }

    private static void produce(Topics topics, int events) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        Random random = new Random(1);
        try (KafkaProducer<String, RecordAccessed> producer = new KafkaProducer<>(props, topics.auditEvents().keySerde().serializer(),
                topics.auditEvents().valueSerde().serializer())) {
            for (int i = 0; i < events; i++) {
                RecordAccessed event = AuditEvents.read("U" + random.nextInt(200), AuditEvents.nhsNumber(random.nextInt(1000)),
                        AuditEvents.T0.plusMillis(100L * i)).build();
                producer.send(new ProducerRecord<>(Topics.AUDIT_EVENTS.name(), event.getPatientNhsNumber(), event));
            }
            producer.flush();
        }
    }

    /** Input records the app has committed on the audit events topic. */
    private static long committed(Admin admin, String applicationId) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> starts = new java.util.HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = offsets.keySet().stream()
                .filter(tp -> tp.topic().equals(Topics.AUDIT_EVENTS.name()))
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.earliest()));
        admin.listOffsets(earliest).all().get().forEach((tp, info) -> starts.put(tp, info.offset()));
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(Topics.AUDIT_EVENTS.name()))
                .mapToLong(e -> e.getValue().offset() - starts.get(e.getKey())).sum();
    }
}

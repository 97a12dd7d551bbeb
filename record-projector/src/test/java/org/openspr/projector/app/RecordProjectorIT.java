package org.openspr.projector.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openspr.projector.testing.Events.allergy;
import static org.openspr.projector.testing.Events.condition;
import static org.openspr.projector.testing.Events.enteredInError;
import static org.openspr.projector.testing.Events.medication;
import static org.openspr.projector.testing.Events.mrn;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openspr.embedded.junit.LocalPlatformExtension;
import org.openspr.events.avro.RecordItem;
import org.openspr.events.avro.RecordSection;
import org.openspr.events.nhs.NhsNumber;
import org.openspr.events.topics.Topics;
import org.openspr.projector.identity.IdentityResolver;
import org.openspr.projector.record.PatientRecord;
import org.openspr.projector.record.RecordKeys;
import org.openspr.projector.record.RecordQuery;
import org.openspr.projector.record.RecordStores;
import org.openspr.projector.record.StoredItem;
import org.openspr.projector.testing.AvroBytes;
import org.openspr.projector.testing.Broker;
import org.openspr.projector.testing.Events;

class RecordProjectorIT {
    @RegisterExtension
    static final LocalPlatformExtension platform = new LocalPlatformExtension();
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static Broker broker;

    @BeforeAll
    static void connect() {
        broker = new Broker(platform.bootstrapServers(), platform.schemaRegistryUrl());
    }

    @AfterAll
    static void disconnect() {
        broker.close();
    }

    @Test
    void shouldProjectDirectParkedAndMergedPatientsEndToEnd() throws Exception {
        String direct = NhsNumber.testNumber(1001);
        String parked = NhsNumber.testNumber(1002);
        String superseded = NhsNumber.testNumber(1003);
        broker.send(allergy("e2e-a1", "91936005", "active").nhs(direct));
        broker.send(condition("e2e-c1", "38341003", "active").local(mrn("E2E-1")));
        broker.send(medication("e2e-m1", "322236009", "active").nhs(superseded));
        broker.flush();

        try (RecordProjectorApp app = new RecordProjectorApp(config("it-e2e")).start()) {
            assertThat(app.awaitRunning(PATIENCE)).isTrue();
            await().atMost(PATIENCE).ignoreExceptions()
                    .until(() -> app.reader().read(direct, RecordQuery.all()).timeline().size() == 1 && app.parkedEventsMetric() == 1);
            assertThat(app.parkedEvents().byLocalIdentifier()).containsEntry("https://rx1.nhs.uk/mrn|E2E-1", 1L);

            broker.identity(parked, Events.linked(parked, mrn("E2E-1")));
            broker.identity(superseded, Events.merged(superseded, direct));
            broker.flush();

            await().atMost(PATIENCE).ignoreExceptions()
                    .until(() -> app.reader().read(parked, RecordQuery.all()).section(RecordSection.PROBLEMS).size() == 1
                            && app.reader().read(superseded, RecordQuery.all()).timeline().size() == 2);
            PatientRecord merged = app.reader().read(superseded, RecordQuery.all());
            assertThat(merged.redirected()).isTrue();
            assertThat(merged.nhsNumber()).isEqualTo(direct);
            assertThat(app.parkedEventsMetric()).isZero();
            assertThat(app.deadLetterCount()).isZero();
            await().atMost(PATIENCE).until(() -> app.maxLag() == 0);
        }
        assertThat(broker.committedViewChanges()).anyMatch(r -> r.key().startsWith(direct + "/"));
    }

    @Test
    void shouldExposeParkedEventsAndLagAsMetricsOverJmx() throws Exception {
        String nhs = NhsNumber.testNumber(6001);
        broker.send(condition("jmx-c1", "38341003", "active").local(mrn("JMX-1")));
        broker.send(allergy("jmx-a1", "91936005", "active").local(mrn("JMX-1")));
        broker.flush();
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

        try (RecordProjectorApp app = new RecordProjectorApp(config("it-metrics")).start()) {
            assertThat(app.awaitRunning(PATIENCE)).isTrue();
            await().atMost(PATIENCE).until(() -> jmxSum(jmx, "*:type=" + IdentityResolver.METRIC_GROUP + ",*", IdentityResolver.PARKED_METRIC) == 2);
            assertThat(app.parkedEventsMetric()).isEqualTo(2);
            assertThat(jmx.queryNames(new ObjectName("kafka.consumer:type=consumer-fetch-manager-metrics,topic="
                    + Topics.CLINICAL_EVENTS.name() + ",*"), null)).isNotEmpty();

            broker.identity(nhs, Events.linked(nhs, mrn("JMX-1")));
            broker.flush();

            await().atMost(PATIENCE).until(() -> jmxSum(jmx, "*:type=" + IdentityResolver.METRIC_GROUP + ",*", IdentityResolver.PARKED_METRIC) == 0);
            await().atMost(PATIENCE).until(() -> app.maxLag() == 0
                    && jmxSum(jmx, "kafka.consumer:type=consumer-fetch-manager-metrics,topic=" + Topics.CLINICAL_EVENTS.name() + ",*", "records-lag") == 0);
            // Released events go through the repartition topic: the record fills once they have been applied there.
            await().atMost(PATIENCE).ignoreExceptions().until(() -> app.reader().read(nhs, RecordQuery.all()).timeline().size() == 2);
        }
    }

    private static double jmxSum(MBeanServer jmx, String pattern, String attribute) throws Exception {
        double sum = 0;
        for (ObjectName name : jmx.queryNames(new ObjectName(pattern), null)) {
            if (name.getKeyProperty("topic") != null && name.getKeyProperty("partition") == null) {
                continue; // per-topic consumer metrics: the lag is per partition
            }
            Object value = jmx.getAttribute(name, attribute);
            if (value instanceof Number number && !Double.isNaN(number.doubleValue())) {
                sum += number.doubleValue();
            }
        }
        return sum;
    }

    @Test
    void shouldRebuildAnIdenticalViewUnderAFreshApplicationId() throws Exception {
        publishVersions(5000, 10, 20, "1", Instant.parse("2026-01-01T00:00:00Z"));
        for (int p = 0; p < 10; p++) {
            String nhs = NhsNumber.testNumber(5000 + p);
            broker.send(allergy("rb-gp-" + p, "300916003", "resolved").nhs(nhs).from("B86001", "GPSYS"));
            broker.send(allergy("rb-tr-" + p, "300916003", "active").nhs(nhs).from("RX1", "EPR"));
            broker.send(enteredInError("rb-5000-" + p + "-0", "ConditionRecorded").nhs(nhs).version("9", Instant.parse("2026-03-01T00:00:00Z")));
        }
        broker.flush();

        Map<String, String> original = viewOnceComplete("it-rebuild-a");
        Map<String, String> rebuilt = viewOnceComplete("it-rebuild-b");

        assertThat(original).hasSize(10 * 21);
        assertThat(rebuilt).isEqualTo(original);
    }

    private Map<String, String> viewOnceComplete(String applicationId) throws Exception {
        try (RecordProjectorApp app = new RecordProjectorApp(config(applicationId)).start()) {
            await().atMost(PATIENCE).ignoreExceptions().until(() -> items(app, 5000, 10).values().stream()
                    .filter(i -> i.getSources().size() == 2 || i.getEnteredInError()).count() == 20);
            Map<String, String> view = new TreeMap<>();
            items(app, 5000, 10).forEach((key, item) -> view.put(key, AvroBytes.of(item)));
            return view;
        }
    }

    private void publishVersions(int firstPatient, int patients, int itemsPerPatient, String version, Instant at) {
        for (int p = 0; p < patients; p++) {
            String nhs = NhsNumber.testNumber(firstPatient + p);
            for (int i = 0; i < itemsPerPatient; i++) {
                // Distinct codes per item: no two items are the same fact, so each event makes exactly one change.
                broker.send(condition("rb-" + firstPatient + "-" + p + "-" + i, "c" + i, "active").nhs(nhs).version(version, at));
            }
        }
        broker.flush();
    }

    private static Map<String, RecordItem> items(RecordProjectorApp app, int firstPatient, int patients) {
        ReadOnlyKeyValueStore<String, StoredItem> store = LocalRecordStores.store(app.streams(), RecordStores.RECORD_ITEMS);
        Map<String, RecordItem> items = new TreeMap<>();
        for (int p = 0; p < patients; p++) {
            String prefix = RecordKeys.patientPrefix(NhsNumber.testNumber(firstPatient + p));
            try (KeyValueIterator<String, StoredItem> it = store.prefixScan(prefix, new StringSerializer())) {
                it.forEachRemaining(kv -> items.put(kv.key, kv.value.item()));
            }
        }
        return items;
    }

    private static ProjectorConfig config(String applicationId) throws IOException {
        return ProjectorConfig.local(platform.bootstrapServers(), platform.schemaRegistryUrl(), applicationId,
                Files.createDirectories(platform.dataDir().resolve(applicationId)));
    }
}

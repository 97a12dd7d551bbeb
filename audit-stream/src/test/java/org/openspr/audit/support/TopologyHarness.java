package org.openspr.audit.support;

import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.openspr.audit.alerts.AlertRules;
import org.openspr.audit.app.AuditTopology;
import org.openspr.audit.ledger.CheckpointPolicy;
import org.openspr.audit.ledger.CheckpointSigner;
import org.openspr.audit.verify.LedgerRecord;
import org.openspr.audit.verify.LedgerSnapshot;
import org.openspr.embedded.registry.EmbeddedSchemaRegistry;
import org.openspr.events.avro.AuditAlertRaised;
import org.openspr.events.avro.RecordAccessed;
import org.openspr.events.registry.RestSchemaRegistryClient;
import org.openspr.events.topics.Topics;

/** The audit topology in a TopologyTestDriver, against a real (volatile) schema registry over HTTP. */
public final class TopologyHarness implements AutoCloseable {
    public final EmbeddedSchemaRegistry registry;
    public final Topics topics;
    public final TopologyTestDriver driver;
    public final TestInputTopic<String, RecordAccessed> events;
    public final TestOutputTopic<String, byte[]> ledger;
    public final TestOutputTopic<String, byte[]> checkpoints;
    public final TestOutputTopic<String, AuditAlertRaised> alerts;
    private final List<LedgerRecord> ledgerRead = new ArrayList<>();
    private final List<LedgerRecord> checkpointsRead = new ArrayList<>();

    public TopologyHarness(KeyPair keys, CheckpointPolicy policy, AlertRules rules) {
        registry = EmbeddedSchemaRegistry.volatileForUnitTests().start();
        topics = Topics.create(new RestSchemaRegistryClient(registry.url()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "audit-stream-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(AuditTopology.buildTopology(topics, new CheckpointSigner(keys), policy, rules), props);
        events = driver.createInputTopic(Topics.AUDIT_EVENTS.name(), topics.auditEvents().keySerde().serializer(),
                topics.auditEvents().valueSerde().serializer());
        ledger = driver.createOutputTopic(Topics.AUDIT_LEDGER.name(), new StringDeserializer(), new ByteArrayDeserializer());
        checkpoints = driver.createOutputTopic(Topics.AUDIT_CHECKPOINTS.name(), new StringDeserializer(), new ByteArrayDeserializer());
        alerts = driver.createOutputTopic(Topics.AUDIT_ALERTS.name(), new StringDeserializer(),
                topics.auditAlerts().valueSerde().deserializer());
    }

    public static TopologyHarness withPolicy(KeyPair keys, long everyEntries) {
        return new TopologyHarness(keys, new CheckpointPolicy(everyEntries, Duration.ofMinutes(1)), AlertRules.defaults());
    }

    public void pipe(RecordAccessed event) {
        events.pipeInput(event.getPatientNhsNumber(), event, event.getOccurredAt());
    }

    /** Everything written to the ledger and checkpoint topics so far (TopologyTestDriver has one partition: 0). */
    public LedgerSnapshot snapshot() {
        ledger.readValuesToList().forEach(v -> ledgerRead.add(new LedgerRecord(0, ledgerRead.size(), v)));
        checkpoints.readValuesToList().forEach(v -> checkpointsRead.add(new LedgerRecord(0, checkpointsRead.size(), v)));
        return new LedgerSnapshot(Map.of(0, List.copyOf(ledgerRead)), Map.of(0, List.copyOf(checkpointsRead)));
    }

    @Override
    public void close() {
        driver.close();
        registry.close();
    }
}

package org.openspr.audit.app;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.openspr.audit.alerts.AlertRules;
import org.openspr.audit.alerts.SingleEventAlerter;
import org.openspr.audit.alerts.UserWindowAlerter;
import org.openspr.audit.ledger.CheckpointPolicy;
import org.openspr.audit.ledger.CheckpointSigner;
import org.openspr.audit.ledger.LedgerPartitioner;
import org.openspr.audit.ledger.LedgerSequencer;
import org.openspr.audit.ledger.LedgerTopologyNames;
import org.openspr.audit.projection.AccessLogProjector;
import org.openspr.audit.projection.AuditStoreNames;
import org.openspr.audit.projection.UserRekeyer;
import org.openspr.events.avro.LedgerCheckpoint;
import org.openspr.events.avro.LedgerEntry;
import org.openspr.events.avro.RecordAccessed;
import org.openspr.events.topics.Topic;
import org.openspr.events.topics.Topics;

/**
 * The audit stream's topology. Sub-topology 1 reads spr.audit.events (keyed by patient): the ledger sequencer, the
 * per-patient access log, the single-event alert rules, and a re-key by user. Sub-topology 2 reads the events
 * re-keyed by user: the per-user access log and the windowed alert rules. Every node and store is named here.
 */
public final class AuditTopology {
    public static final String AUDIT_EVENTS_SOURCE = "audit-events-source";
    public static final String PATIENT_ACCESS_LOG = "patient-access-log";
    public static final String PATIENT_ACCESS_LOG_SINK = "patient-access-log-sink";
    public static final String SINGLE_EVENT_ALERTS = "single-event-alerts";
    public static final String SINGLE_EVENT_ALERTS_SINK = "single-event-alerts-sink";
    public static final String USER_REKEY = "rekey-by-user";
    public static final String USER_REKEY_SINK = "rekey-by-user-sink";
    public static final String BY_USER_SOURCE = "audit-events-by-user-source";
    public static final String USER_ACCESS_LOG = "user-access-log";
    public static final String USER_WINDOW_ALERTS = "user-window-alerts";
    public static final String USER_WINDOW_ALERTS_SINK = "user-window-alerts-sink";

    private AuditTopology() {
    }

    public static Topology buildTopology(Topics topics, CheckpointSigner signer, CheckpointPolicy checkpoints, AlertRules rules) {
        Topology topology = buildLedgerTopology(topics, signer, checkpoints);

        topology.addProcessor(PATIENT_ACCESS_LOG,
                () -> new AccessLogProjector(AuditStoreNames.ACCESS_BY_PATIENT, RecordAccessed::getPatientNhsNumber, true),
                AUDIT_EVENTS_SOURCE);
        topology.addStateStore(accessLogStore(AuditStoreNames.ACCESS_BY_PATIENT, topics), PATIENT_ACCESS_LOG);
        Topic<String, RecordAccessed> accessLog = topics.auditAccessLog();
        topology.addSink(PATIENT_ACCESS_LOG_SINK, accessLog.name(), accessLog.keySerde().serializer(),
                accessLog.valueSerde().serializer(), PATIENT_ACCESS_LOG);

        topology.addProcessor(SINGLE_EVENT_ALERTS, () -> new SingleEventAlerter(rules), AUDIT_EVENTS_SOURCE);
        topology.addSink(SINGLE_EVENT_ALERTS_SINK, topics.auditAlerts().name(), topics.auditAlerts().keySerde().serializer(),
                topics.auditAlerts().valueSerde().serializer(), SINGLE_EVENT_ALERTS);

        Topic<String, RecordAccessed> byUser = topics.auditEventsByUser();
        topology.addProcessor(USER_REKEY, UserRekeyer::new, AUDIT_EVENTS_SOURCE);
        topology.addSink(USER_REKEY_SINK, byUser.name(), byUser.keySerde().serializer(), byUser.valueSerde().serializer(), USER_REKEY);

        topology.addSource(BY_USER_SOURCE, byUser.keySerde().deserializer(), byUser.valueSerde().deserializer(), byUser.name());
        topology.addProcessor(USER_ACCESS_LOG,
                () -> new AccessLogProjector(AuditStoreNames.ACCESS_BY_USER, e -> e.getActor().getUserId(), false), BY_USER_SOURCE);
        topology.addStateStore(accessLogStore(AuditStoreNames.ACCESS_BY_USER, topics), USER_ACCESS_LOG);
        topology.addProcessor(USER_WINDOW_ALERTS, () -> new UserWindowAlerter(AuditStoreNames.USER_ALERT_WINDOWS, rules), BY_USER_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AuditStoreNames.USER_ALERT_WINDOWS),
                Serdes.String(), Serdes.ByteArray()), USER_WINDOW_ALERTS);
        topology.addSink(USER_WINDOW_ALERTS_SINK, topics.auditAlerts().name(), topics.auditAlerts().keySerde().serializer(),
                topics.auditAlerts().valueSerde().serializer(), USER_WINDOW_ALERTS);
        return topology;
    }

    /**
     * Only the ledger (sequencer, ledger and checkpoint sinks), for running it apart from projections and alerts,
     * e.g. to scale them separately or to measure the ledger alone. Node names are the same as in the full topology.
     */
    public static Topology buildLedgerTopology(Topics topics, CheckpointSigner signer, CheckpointPolicy checkpoints) {
        Topology topology = new Topology();
        LedgerTopologyNames names = LedgerTopologyNames.DEFAULT;
        Topic<String, RecordAccessed> events = topics.auditEvents();
        topology.addSource(AUDIT_EVENTS_SOURCE, events.keySerde().deserializer(), events.valueSerde().deserializer(), events.name());
        topology.addProcessor(names.processor(),
                () -> new LedgerSequencer(names, events.name(), events.valueSerde().serializer(), signer, checkpoints),
                AUDIT_EVENTS_SOURCE);
        // Caching: the state changes on every record but only the value at commit needs to reach the changelog.
        StoreBuilder<KeyValueStore<Integer, byte[]>> state = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(names.stateStore()), Serdes.Integer(), Serdes.ByteArray()).withCachingEnabled();
        topology.addStateStore(state, names.processor());
        Topic<String, LedgerEntry> ledger = topics.auditLedger();
        topology.addSink(names.ledgerSink(), ledger.name(), ledger.keySerde().serializer(), ledger.valueSerde().serializer(),
                new LedgerPartitioner<LedgerEntry>(LedgerEntry::getLedgerPartition), names.processor());
        Topic<String, LedgerCheckpoint> checkpointTopic = topics.auditCheckpoints();
        topology.addSink(names.checkpointSink(), checkpointTopic.name(), checkpointTopic.keySerde().serializer(),
                checkpointTopic.valueSerde().serializer(), new LedgerPartitioner<LedgerCheckpoint>(LedgerCheckpoint::getLedgerPartition),
                names.processor());
        return topology;
    }

    private static StoreBuilder<KeyValueStore<String, RecordAccessed>> accessLogStore(String name, Topics topics) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), topics.auditEvents().valueSerde());
    }
}

package org.openspr.audit.projection;

import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.openspr.events.avro.RecordAccessed;
import org.openspr.events.topics.Topic;
import org.openspr.events.topics.Topics;

/**
 * A read replica of both access logs, for a process other than the audit stream (each standalone query-service
 * instance): two global stores with the audit stream's store names and keys, so {@link AuditLogReader} reads them as it
 * reads the audit stream's own. Accesses to a patient come from {@code spr.audit.access-log} (the audit stream's
 * projection, kept forever); accesses by a user are filed from {@code spr.audit.events} itself, since the audit
 * stream's re-keyed topic keeps only a week. Every instance holds all of both logs. An audit event without a key would
 * be filed while the replica follows the topic but passed over when a new replica loads it (Kafka Streams' global
 * restore skips keyless records); the query service keys every audit event, by patient or else by user.
 */
public final class AccessLogReplicaTopology {
    public static final String PATIENT_SOURCE = "replica-access-log-source";
    public static final String PATIENT_PROCESSOR = "replica-file-by-patient";
    public static final String USER_SOURCE = "replica-audit-events-source";
    public static final String USER_PROCESSOR = "replica-file-by-user";

    private AccessLogReplicaTopology() {
    }

    public static Topology buildTopology(Topics topics) {
        Topology topology = new Topology();
        Topic<String, RecordAccessed> accessLog = topics.auditAccessLog();
        topology.addGlobalStore(store(AuditStoreNames.ACCESS_BY_PATIENT, topics), PATIENT_SOURCE, accessLog.keySerde().deserializer(),
                accessLog.valueSerde().deserializer(), accessLog.name(), PATIENT_PROCESSOR,
                () -> new Filer(AuditStoreNames.ACCESS_BY_PATIENT, RecordAccessed::getPatientNhsNumber));
        Topic<String, RecordAccessed> events = topics.auditEvents();
        topology.addGlobalStore(store(AuditStoreNames.ACCESS_BY_USER, topics), USER_SOURCE, events.keySerde().deserializer(),
                events.valueSerde().deserializer(), events.name(), USER_PROCESSOR,
                () -> new Filer(AuditStoreNames.ACCESS_BY_USER, e -> e.getActor().getUserId()));
        return topology;
    }

    private static StoreBuilder<KeyValueStore<String, RecordAccessed>> store(String name, Topics topics) {
        // a global store is restored from its source topic: it has no changelog of its own
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), topics.auditEvents().valueSerde())
                .withLoggingDisabled();
    }

    /** Files each access under {@code subject|occurredAt|auditId}, as {@link AccessLogProjector} does in the audit stream. */
    private static final class Filer implements Processor<String, RecordAccessed, Void, Void> {
        private final String storeName;
        private final Function<RecordAccessed, String> subject;
        private KeyValueStore<String, RecordAccessed> store;

        Filer(String storeName, Function<RecordAccessed, String> subject) {
            this.storeName = storeName;
            this.subject = subject;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, RecordAccessed> record) {
            RecordAccessed event = record.value();
            String who = event == null ? null : subject.apply(event);
            if (who != null) {
                store.put(AccessLogKeys.key(who, event.getOccurredAt(), event.getAuditId()), event);
            }
        }
    }
}

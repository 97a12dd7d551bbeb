package org.openspr.audit.replay;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.openspr.audit.ledger.Bytes;
import org.openspr.audit.verify.KafkaLedgerReader;
import org.openspr.audit.verify.LedgerRecord;
import org.openspr.events.avro.LedgerEntry;
import org.openspr.events.avro.RecordAccessed;
import org.openspr.events.topics.Topics;

/**
 * Replays accesses from the ledger topic (the record that verification vouches for, not a projection of it):
 * every ledgered audit event matching a filter, oldest first, once per auditId. What {@code spr replay audit} runs.
 */
public final class AuditReplay {
    private final KafkaLedgerReader reader;
    private final Topics topics;

    public AuditReplay(String bootstrapServers, Topics topics, Duration timeout) {
        this(new KafkaLedgerReader(bootstrapServers, timeout), topics);
    }

    /** @param clientProperties bootstrap servers and any security settings of the cluster */
    public AuditReplay(Map<String, ?> clientProperties, Topics topics, Duration timeout) {
        this(new KafkaLedgerReader(clientProperties, timeout), topics);
    }

    private AuditReplay(KafkaLedgerReader reader, Topics topics) {
        this.reader = reader;
        this.topics = topics;
    }

    public List<RecordAccessed> replay(AuditReplayFilter filter) {
        Deserializer<LedgerEntry> entries = topics.auditLedger().valueSerde().deserializer();
        Deserializer<RecordAccessed> events = topics.auditEvents().valueSerde().deserializer();
        Map<String, RecordAccessed> byAuditId = new LinkedHashMap<>();
        for (List<LedgerRecord> partition : reader.readTopic(Topics.AUDIT_LEDGER.name()).values()) {
            for (LedgerRecord record : partition) {
                LedgerEntry entry = entries.deserialize(Topics.AUDIT_LEDGER.name(), record.value());
                RecordAccessed event = events.deserialize(Topics.AUDIT_EVENTS.name(), Bytes.of(entry.getEvent()));
                if (filter.matches(event)) {
                    byAuditId.putIfAbsent(event.getAuditId(), event);
                }
            }
        }
        return byAuditId.values().stream()
                .sorted(Comparator.comparing(RecordAccessed::getOccurredAt).thenComparing(RecordAccessed::getAuditId))
                .toList();
    }
}

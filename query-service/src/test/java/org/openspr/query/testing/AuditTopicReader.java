package org.openspr.query.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.openspr.events.avro.RecordAccessed;
import org.openspr.events.topics.Topics;

/** Reads the audit topic of a real cluster as an auditor would, to check which requests left an audit event. */
public final class AuditTopicReader {
    private AuditTopicReader() {
    }

    /**
     * The audit events of these requests, by request id, read to the end of the topic (after every id has been seen)
     * so that a duplicate would show; gives up after a minute with what it found.
     */
    public static Map<String, List<RecordAccessed>> eventsOf(String bootstrapServers, Topics topics, Set<String> requestIds) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, List<RecordAccessed>> found = new HashMap<>();
        try (KafkaConsumer<String, RecordAccessed> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                topics.auditEvents().valueSerde().deserializer())) {
            consumer.subscribe(List.of(topics.auditEvents().name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                var records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, RecordAccessed> record : records) {
                    if (requestIds.contains(record.value().getRequestId())) {
                        found.computeIfAbsent(record.value().getRequestId(), id -> new ArrayList<>()).add(record.value());
                    }
                }
                if (found.keySet().containsAll(requestIds) && records.isEmpty()) {
                    break;
                }
            }
        }
        return found;
    }
}

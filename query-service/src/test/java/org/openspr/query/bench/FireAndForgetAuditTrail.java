package org.openspr.query.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import java.util.Map;
import org.openspr.events.avro.RecordAccessed;
import org.openspr.events.topics.Topic;
import org.openspr.query.audit.AuditTrail;

/**
 * BENCHMARK ONLY, and only in test code so no configuration can ever select it: sends the audit event like the real
 * trail but does not wait for the acknowledgement. The difference to {@code KafkaAuditTrail} is the cost of failing
 * closed, which is what the benchmark's overhead ratio measures.
 */
final class FireAndForgetAuditTrail implements AuditTrail, AutoCloseable {
    private final KafkaProducer<String, RecordAccessed> producer;
    private final Topic<String, RecordAccessed> topic;

    FireAndForgetAuditTrail(String bootstrapServers, Topic<String, RecordAccessed> topic) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 1),
                topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    @Override
    public void write(RecordAccessed event) {
        producer.send(new ProducerRecord<>(topic.name(), event.getPatientNhsNumber(), event));
    }

    @Override
    public void close() {
        producer.close();
    }
}

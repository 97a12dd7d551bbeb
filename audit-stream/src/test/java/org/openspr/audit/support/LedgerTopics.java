package org.openspr.audit.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.openspr.audit.verify.LedgerRecord;
import org.openspr.events.topics.TopicProvisioner;

/** Test helpers that write raw records: copies of the ledger with one record changed, and forged records. */
public final class LedgerTopics {
    private final String bootstrapServers;

    public LedgerTopics(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Copies the records into a new topic of the same partition count, passing each value through {@code change}
     * (null drops the record). Returns the new records with their new offsets.
     */
    public Map<Integer, List<LedgerRecord>> copy(Map<Integer, List<LedgerRecord>> source, String scratchTopic,
            Function<LedgerRecord, byte[]> change) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(scratchTopic, source.size(), (short) 1))).all().get();
            new TopicProvisioner(admin, (short) 1).awaitLeaders(List.of(scratchTopic)); // before the producer writes
        }
        Map<Integer, List<LedgerRecord>> copied = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (Map.Entry<Integer, List<LedgerRecord>> partition : source.entrySet()) {
                List<LedgerRecord> out = new java.util.ArrayList<>();
                for (LedgerRecord record : partition.getValue()) {
                    byte[] value = change.apply(record);
                    if (value != null) {
                        out.add(new LedgerRecord(record.partition(), send(producer, scratchTopic, record.partition(), value).offset(), value));
                    }
                }
                copied.put(partition.getKey(), out);
            }
        }
        return copied;
    }

    /** Produces one raw record straight onto a partition of a topic, as an attacker with write access could. */
    public long produce(String topic, int partition, byte[] value) throws ExecutionException, InterruptedException {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            return send(producer, topic, partition, value).offset();
        }
    }

    private static RecordMetadata send(KafkaProducer<byte[], byte[]> producer, String topic, int partition, byte[] value)
            throws ExecutionException, InterruptedException {
        return producer.send(new ProducerRecord<>(topic, partition, null, value)).get();
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}

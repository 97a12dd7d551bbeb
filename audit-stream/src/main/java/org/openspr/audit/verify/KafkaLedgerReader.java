package org.openspr.audit.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.openspr.audit.AuditErrorCode;
import org.openspr.events.errors.SprException;

/**
 * Reads a ledger topic and a checkpoint topic from the beginning up to their ends as of the start of the read
 * (read_committed: aborted transactions of the ledger app are not part of the ledger), without a consumer group.
 */
public final class KafkaLedgerReader {
    private final Map<String, Object> clientProperties;
    private final Duration timeout;

    public KafkaLedgerReader(String bootstrapServers, Duration timeout) {
        this(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), timeout);
    }

    /** @param clientProperties bootstrap servers and any security settings of the cluster */
    public KafkaLedgerReader(Map<String, ?> clientProperties, Duration timeout) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.timeout = timeout;
    }

    public LedgerSnapshot read(String ledgerTopic, String checkpointTopic) {
        return new LedgerSnapshot(readTopic(ledgerTopic), readTopic(checkpointTopic));
    }

    /** Every record of the topic, per partition in offset order, as raw bytes. */
    public Map<Integer, List<LedgerRecord>> readTopic(String topic) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, timeout)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            Map<Integer, List<LedgerRecord>> records = new HashMap<>();
            partitions.forEach(tp -> records.put(tp.partition(), new ArrayList<>()));
            Instant deadline = Instant.now().plus(timeout);
            while (!caughtUp(consumer, ends)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new SprException(AuditErrorCode.LEDGER_READ_FAILED, topic, clientProperties.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG), "not at the end after " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < ends.get(new TopicPartition(topic, record.partition()))) {
                        records.get(record.partition()).add(new LedgerRecord(record.partition(), record.offset(), record.value()));
                    }
                }
            }
            return records;
        } catch (KafkaException e) {
            throw new SprException(e, AuditErrorCode.LEDGER_READ_FAILED, topic, clientProperties.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG), e.getMessage());
        }
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }
}

package org.openspr.cli.rebuild;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The content of a state store as its changelog topic holds it ({@code <application.id>-<store>-changelog}, read
 * committed, to the end): each key with a 64-bit digest of its latest value; tombstones remove keys. Two projections'
 * stores are equal item by item when their snapshots are equal, whichever process or machine holds the RocksDB files.
 */
public final class ChangelogSnapshot {
    private final Map<String, Long> digests;
    private final Map<String, byte[]> values;

    private ChangelogSnapshot(Map<String, Long> digests, Map<String, byte[]> values) {
        this.digests = digests;
        this.values = values;
    }

    public static String changelogTopic(String applicationId, String store) {
        return applicationId + "-" + store + "-changelog";
    }

    /** Reads the changelog of {@code store} under {@code applicationId}; empty if the topic does not exist. */
    static ChangelogSnapshot read(Map<String, Object> clientProperties, String applicationId, String store, Duration timeout) {
        return read(clientProperties, applicationId, store, timeout, false);
    }

    /**
     * Reads a changelog; with {@code keepValues} the latest value bytes are kept too (for small stores whose values
     * are summed, such as the parked-event counts).
     */
    public static ChangelogSnapshot read(Map<String, Object> clientProperties, String applicationId, String store, Duration timeout,
                                         boolean keepValues) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        String topic = changelogTopic(applicationId, store);
        Map<String, Long> digests = new HashMap<>();
        Map<String, byte[]> values = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                return new ChangelogSnapshot(digests, values);
            }
            List<TopicPartition> partitions = new ArrayList<>();
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            MessageDigest sha = sha256();
            Instant deadline = Instant.now().plus(timeout);
            while (!atEnd(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("reading " + topic + " timed out after " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        digests.remove(record.key());
                        values.remove(record.key());
                    } else {
                        digests.put(record.key(), ByteBuffer.wrap(sha.digest(record.value())).getLong());
                        if (keepValues) {
                            values.put(record.key(), record.value());
                        }
                    }
                }
            }
        }
        return new ChangelogSnapshot(digests, values);
    }

    /** Live keys in the store. */
    public int size() {
        return digests.size();
    }

    /** The latest values (only when read with {@code keepValues}). */
    public Map<String, byte[]> values() {
        return values;
    }

    /** Keys whose presence or value differs between this snapshot and the other, sorted. */
    List<String> differingKeys(ChangelogSnapshot other) {
        List<String> differing = new ArrayList<>();
        digests.forEach((key, digest) -> {
            if (!digest.equals(other.digests.get(key))) {
                differing.add(key);
            }
        });
        other.digests.keySet().stream().filter(key -> !digests.containsKey(key)).forEach(differing::add);
        differing.sort(null);
        return differing;
    }

    private static boolean atEnd(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }
}

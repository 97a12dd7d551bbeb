package org.openspr.ingest.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.openspr.events.topics.Topic;

/** Reads committed records of a topic from the beginning until enough have arrived or the time is up (no sleeping). */
public final class TopicReader {
    private TopicReader() {
    }

    public static <K, V> List<ConsumerRecord<K, V>> readAtLeast(String bootstrap, Topic<K, V> topic, int atLeast, Duration timeout) {
        return readMatching(bootstrap, topic, record -> true, atLeast, timeout);
    }

    /** Reads until {@code atLeast} records match (others on the topic are skipped), then one more short poll for duplicates. */
    public static <K, V> List<ConsumerRecord<K, V>> readMatching(String bootstrap, Topic<K, V> topic,
                                                                 java.util.function.Predicate<ConsumerRecord<K, V>> match, int atLeast,
                                                                 Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<K, V>> out = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < atLeast && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (match.test(r)) {
                        out.add(r);
                    }
                });
            }
            consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                if (match.test(r)) {
                    out.add(r);
                }
            });
        }
        return out;
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}

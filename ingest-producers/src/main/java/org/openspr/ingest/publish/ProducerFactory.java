package org.openspr.ingest.publish;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Makes the transactional producer of one publish lane; tests hand in Kafka's MockProducer instead. */
@FunctionalInterface
interface ProducerFactory {
    /** A producer whose transactions are initialised, ready for {@code beginTransaction()}. */
    Producer<byte[], byte[]> create(String transactionalId);

    /** Idempotent, acks=all, transactional Kafka producers. */
    static ProducerFactory kafka(PublisherSettings settings) {
        return transactionalId -> {
            KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(config(settings, transactionalId), new ByteArraySerializer(),
                    new ByteArraySerializer());
            p.initTransactions();
            return p;
        };
    }

    /** The producer configuration of one lane: tunables, then the client properties, then the exactly-once settings. */
    static Map<String, Object> config(PublisherSettings settings, String transactionalId) {
        Map<String, Object> config = new HashMap<>();
        // A lane sends a whole group and then commits, and commitTransaction flushes at once: lingering never delays a
        // commit, but it keeps the sender thread from shipping the first records of a group while the rest are still
        // being handed over, so a group goes out as one produce request instead of several
        config.put(ProducerConfig.LINGER_MS_CONFIG, 50);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // raw FHIR bundles reach several MB; compressed they fit the broker's default 1 MB batch limit
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 64 * 1024 * 1024);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        // right after a commit the coordinator is still writing markers (CONCURRENT_TRANSACTIONS): retry soon, and
        // never back off exponentially towards the 1 s default, which would stall every message of the next group
        config.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 2);
        config.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 20);
        config.putAll(settings.clientProperties()); // security settings, and tuning of the above
        // what exactly-once rests on, which client properties cannot change
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
        return config;
    }
}

package org.openspr.ingest.publish;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transactional producer and the thread that drives it. Messages that queue up while a commit is in flight
 * share the next transaction (group commit): each message is still all-or-nothing, and a commit costs the same
 * round trips for one message as for hundreds.
 */
final class PublishLane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PublishLane.class);

    /** A message's records and the future its sender waits on. */
    record Pending(List<ProducerRecord<byte[], byte[]>> records, CompletableFuture<Void> done) {
    }

    private final PublisherSettings settings;
    private final String transactionalId;
    private final BlockingQueue<Pending> queue;
    private final Thread thread;
    private volatile boolean running = true;
    private KafkaProducer<byte[], byte[]> producer;

    PublishLane(PublisherSettings settings, int index) {
        this.settings = settings;
        this.transactionalId = settings.transactionalIdPrefix() + "-" + index;
        this.queue = new ArrayBlockingQueue<>(Math.max(1000, settings.maxMessagesPerCommit() * 4));
        this.producer = newProducer(); // fails here, at start-up, when Kafka is unreachable
        this.thread = new Thread(this::run, "spr-ingest-publish-" + index);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    boolean offer(Pending pending, long timeoutMs) throws InterruptedException {
        return running && queue.offer(pending, timeoutMs, TimeUnit.MILLISECONDS);
    }

    int queued() {
        return queue.size();
    }

    private KafkaProducer<byte[], byte[]> newProducer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0); // commitTransaction flushes anyway: lingering only adds latency
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // raw FHIR bundles reach several MB; compressed they fit the broker's default 1 MB batch limit
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 64 * 1024 * 1024);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
        // right after a commit the coordinator is still writing markers (CONCURRENT_TRANSACTIONS): retry soon, not in 100 ms
        config.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 5);
        config.putAll(settings.producerOverrides());
        KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        p.initTransactions();
        return p;
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Pending> group = new ArrayList<>();
                group.add(first);
                queue.drainTo(group, settings.maxMessagesPerCommit() - 1);
                commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.error("publish lane {} hit an unexpected error; continuing", transactionalId, e);
            }
        }
    }

    private void commit(List<Pending> group) {
        try {
            producer.beginTransaction();
            for (Pending p : group) {
                for (ProducerRecord<byte[], byte[]> r : p.records()) {
                    producer.send(r);
                }
            }
            producer.commitTransaction(); // flushes; a failed send surfaces here
            group.forEach(p -> p.done().complete(null));
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException | UnsupportedVersionException fatal) {
            LOG.error("publish lane {}: producer unusable ({}); starting a new one", transactionalId, fatal.toString());
            group.forEach(p -> p.done().completeExceptionally(fatal));
            replaceProducer();
        } catch (KafkaException e) {
            abort();
            if (group.size() > 1) {
                group.forEach(p -> commit(List.of(p))); // one bad message must not fail the others in its group
            } else {
                group.forEach(p -> p.done().completeExceptionally(e));
            }
        }
    }

    private void abort() {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            LOG.warn("publish lane {}: abort failed ({}); starting a new producer", transactionalId, e.toString());
            replaceProducer();
        }
    }

    private void replaceProducer() {
        try {
            producer.close(java.time.Duration.ofSeconds(5));
        } catch (KafkaException ignored) {
            // the old producer is broken anyway; the new one fences whatever it left behind
        }
        producer = newProducer();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(settings.publishTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.forEach(p -> p.done().completeExceptionally(new IllegalStateException("publisher closed")));
        producer.close(java.time.Duration.ofSeconds(10));
    }
}

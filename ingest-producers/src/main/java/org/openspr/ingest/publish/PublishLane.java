package org.openspr.ingest.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transactional producer and the thread that drives it. All lanes take from one shared queue: a lane that is free
 * takes everything waiting (group commit), so a message never waits behind a busy lane while another one idles. Each
 * message's future completes only after the transaction holding it has committed, and fails if that commit fails.
 */
final class PublishLane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PublishLane.class);

    /** A message's records and the future its sender waits on. */
    record Pending(List<ProducerRecord<byte[], byte[]>> records, CompletableFuture<Void> done) {
    }

    private final PublisherSettings settings;
    private final ProducerFactory factory;
    private final String transactionalId;
    private final BlockingQueue<Pending> queue;
    private final PublisherStats stats;
    private final Thread thread;
    private volatile boolean running = true;
    private Producer<byte[], byte[]> producer;

    PublishLane(PublisherSettings settings, ProducerFactory factory, int index, BlockingQueue<Pending> queue, PublisherStats stats) {
        this.settings = settings;
        this.factory = factory;
        this.transactionalId = settings.transactionalIdPrefix() + "-" + index;
        this.queue = queue;
        this.stats = stats;
        this.producer = factory.create(transactionalId); // fails here, at start-up, when Kafka is unreachable
        this.thread = new Thread(this::run, "spr-ingest-publish-" + index);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        while (running || !queue.isEmpty()) { // on close: no new messages arrive, what is queued is still committed
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Pending> group = new ArrayList<>();
                group.add(first);
                queue.drainTo(group, settings.maxMessagesPerCommit() - 1);
                long start = System.nanoTime();
                commit(group);
                stats.committed(group.size(), System.nanoTime() - start);
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
            stats.failed(group.size());
            group.forEach(p -> p.done().completeExceptionally(fatal));
            replaceProducer();
        } catch (KafkaException e) {
            abort();
            if (group.size() > 1) {
                stats.retriedAlone(group.size());
                group.forEach(p -> commit(List.of(p))); // one bad message must not fail the others in its group
            } else {
                stats.failed(1);
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
            producer.close(Duration.ofSeconds(5));
        } catch (KafkaException ignored) {
            // the old producer is broken anyway; the new one fences whatever it left behind
        }
        producer = factory.create(transactionalId);
    }

    /** Ends the lane once the queue is empty; the publisher accepts nothing new by then. */
    void stop() {
        running = false;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(settings.publishTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}

package org.openspr.ingest.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.openspr.events.errors.SprException;
import org.openspr.ingest.IngestErrorCode;

/**
 * Writes each inbound message's records (raw + events + identity + dead letters) in one Kafka transaction with an
 * idempotent, acks=all producer, and tells the caller only once the transaction is committed. Messages from all
 * callers wait in one queue; whichever lane is free takes everything waiting into its next transaction (group commit),
 * so throughput grows with the number of concurrent senders instead of being one commit latency per message.
 */
public final class TransactionalPublisher implements AutoCloseable {
    private final PublisherSettings settings;
    private final List<PublishLane> lanes = new ArrayList<>();
    private final BlockingQueue<PublishLane.Pending> queue;
    private final ReentrantLock taking = new ReentrantLock(); // one lane gathers the next group at a time
    private final PublisherStats stats = new PublisherStats();
    private final Preparations preparations = new Preparations();
    private final CommitActivity activity = new CommitActivity();
    private volatile boolean closed;

    public TransactionalPublisher(PublisherSettings settings) {
        this(settings, ProducerFactory.kafka(settings));
    }

    TransactionalPublisher(PublisherSettings settings, ProducerFactory factory) {
        this(settings, factory, GatherTimings.DEFAULT);
    }

    /** @param timings how long a lane gathers a group (tests make the waits long) */
    TransactionalPublisher(PublisherSettings settings, ProducerFactory factory, GatherTimings timings) {
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(Math.max(1000, settings.maxMessagesPerCommit() * settings.lanes() * 2));
        for (int i = 0; i < settings.lanes(); i++) {
            lanes.add(new PublishLane(settings, factory, i, queue, taking, preparations, activity, timings, stats));
        }
    }

    /**
     * Call when a message starts being mapped, and hand the token to {@link #submit(List, String, AutoCloseable)}: a lane
     * about to commit waits briefly for messages already under way, so concurrent senders share commits.
     */
    public AutoCloseable preparing() {
        return preparations.start();
    }

    /** Queues one message's records, then closes its {@link #preparing()} token; see {@link #submit(List, String)}. */
    public CompletableFuture<Void> submit(List<ProducerRecord<byte[], byte[]>> records, String messageId, AutoCloseable preparing) {
        try {
            return submit(records, messageId);
        } finally {
            closeQuietly(preparing);
        }
    }

    /** Blocks until the records are committed, closing the {@link #preparing()} token once they are queued. */
    public void publish(List<ProducerRecord<byte[], byte[]>> records, String messageId, AutoCloseable preparing) {
        await(submit(records, messageId, preparing), messageId);
    }

    static void closeQuietly(AutoCloseable token) {
        try {
            token.close();
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible); // our tokens do not throw
        }
    }

    /** Queues one message's records; the future completes when they are committed, or fails. */
    public CompletableFuture<Void> submit(List<ProducerRecord<byte[], byte[]>> records, String messageId) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new SprException(IngestErrorCode.PUBLISHER_CLOSED, messageId));
            return done;
        }
        try {
            activity.arriving();
            if (!queue.offer(PublishLane.Pending.of(records, done), settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                done.completeExceptionally(new SprException(IngestErrorCode.PUBLISH_TIMEOUT, messageId, settings.publishTimeout().toMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(new SprException(IngestErrorCode.PUBLISHER_CLOSED, messageId));
        }
        return done;
    }

    /** Blocks until the records are committed; throws an {@link SprException} the sender can be told about. */
    public void publish(List<ProducerRecord<byte[], byte[]>> records, String messageId) {
        await(submit(records, messageId), messageId);
    }

    public void await(CompletableFuture<Void> done, String messageId) {
        try {
            done.get(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw timedOut(messageId);
        } catch (ExecutionException e) {
            throw failure(e.getCause(), messageId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SprException(e, IngestErrorCode.PUBLISHER_CLOSED, messageId);
        }
    }

    /** Why a message's commit failed, as its sender is told: the publisher's own error, or the commit's failure. */
    public static SprException failure(Throwable cause, String messageId) {
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof SprException spr ? spr
                : new SprException(cause, IngestErrorCode.PUBLISH_FAILED, messageId, String.valueOf(cause));
    }

    /** The answer for a message whose commit has not ended within the publish timeout. */
    public SprException timedOut(String messageId) {
        return new SprException(IngestErrorCode.PUBLISH_TIMEOUT, messageId, settings.publishTimeout().toMillis());
    }

    /** How long a sender waits for its message's commit before it is told the publish timed out. */
    public Duration publishTimeout() {
        return settings.publishTimeout();
    }

    /** Counters of the commits so far. */
    public PublisherStats stats() {
        return stats;
    }

    public boolean isOpen() {
        return !closed;
    }

    /**
     * Null while every lane has a producer, else what is wrong: after an outage outlasted its producer, a lane could not
     * get a new one from Kafka, and it asks again with the next messages (each of which fails until Kafka can give one).
     */
    public String problem() {
        if (closed) {
            return "publisher closed";
        }
        List<String> why = lanes.stream().map(PublishLane::noProducerBecause).filter(java.util.Objects::nonNull).toList();
        return why.isEmpty() ? null : why.size() + " of " + lanes.size() + " publish lanes have no Kafka producer: " + why.get(0);
    }

    @Override
    public void close() {
        closed = true;
        lanes.forEach(PublishLane::stop);
        lanes.forEach(PublishLane::close);
        List<PublishLane.Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.done().completeExceptionally(new IllegalStateException("publisher closed")));
    }
}

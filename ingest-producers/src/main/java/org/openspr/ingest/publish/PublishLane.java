package org.openspr.ingest.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.ReentrantLock;
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
    /** Longest wait for messages that were being mapped when a group was started: small against a commit's own latency. */
    static final long MAX_GATHER_NANOS = 2_000_000;
    /**
     * A group smaller than this waits for another lane's commit to end instead of committing beside it (see
     * {@link #gather()}); a larger one (a FHIR bundle of a few hundred KB) is worth a transaction of its own at once.
     */
    static final long SMALL_GROUP_BYTES = 256 * 1024;

    /** A message's records, their size in bytes, and the future its sender waits on. */
    record Pending(List<ProducerRecord<byte[], byte[]>> records, long bytes, CompletableFuture<Void> done) {
        static Pending of(List<ProducerRecord<byte[], byte[]>> records, CompletableFuture<Void> done) {
            long n = 0;
            for (ProducerRecord<byte[], byte[]> r : records) {
                n += (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
            }
            return new Pending(records, n, done);
        }
    }

    private final PublisherSettings settings;
    private final ProducerFactory factory;
    private final String transactionalId;
    private final BlockingQueue<Pending> queue;
    private final ReentrantLock taking;
    private final Preparations preparations;
    private final CommitActivity activity;
    private final GatherTimings timings;
    private final PublisherStats stats;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Producer<byte[], byte[]> producer; // null after Kafka could not give a replacement; asked again at the next group
    private volatile String noProducerBecause; // why, while producer is null

    PublishLane(PublisherSettings settings, ProducerFactory factory, int index, BlockingQueue<Pending> queue, ReentrantLock taking,
                Preparations preparations, CommitActivity activity, GatherTimings timings, PublisherStats stats) {
        this.settings = settings;
        this.factory = factory;
        this.transactionalId = settings.transactionalIdPrefix() + "-" + index;
        this.queue = queue;
        this.taking = taking;
        this.preparations = preparations;
        this.activity = activity;
        this.timings = timings;
        this.stats = stats;
        this.producer = factory.create(transactionalId); // fails here, at start-up, when Kafka is unreachable
        this.thread = new Thread(this::run, "spr-ingest-publish-" + index);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        while (running || !queue.isEmpty()) { // on close: no new messages arrive, what is queued is still committed
            try {
                List<Pending> group = gather();
                if (group.isEmpty()) {
                    continue;
                }
                long start = System.nanoTime();
                int size = group.size();
                boolean[] counted = {false};
                activity.started();
                try {
                    commit(group, () -> { // before any sender hears of it: a sender may read the stats on its answer
                        if (!counted[0]) {
                            counted[0] = true;
                            stats.committed(size, System.nanoTime() - start);
                        }
                    });
                } catch (RuntimeException e) {
                    LOG.error("publish lane {} hit an unexpected error committing {} messages; their senders are told", transactionalId,
                            size, e);
                    group.forEach(p -> p.done().completeExceptionally(e)); // those already answered keep their answer
                } finally {
                    activity.ended();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.error("publish lane {} hit an unexpected error; continuing", transactionalId, e);
            }
        }
    }

    /**
     * Takes the next group: everything queued, plus what was already being mapped when this lane started gathering
     * (waiting at most {@link #MAX_GATHER_NANOS}). One lane gathers at a time, so while one commits, the other collects
     * the next group instead of both starting small transactions. A small group then keeps collecting until the other
     * lane's commit has ended (at most {@link GatherTimings#maxBehindNanos()}): two transactions at once contend for the
     * same broker and CPU and each takes about twice as long, so the wait costs its senders little and the next commit
     * carries more messages.
     * <p>
     * Last, when the previous commit answered several senders, a small group collects their next messages: until as
     * many have arrived as that commit answered and none is being mapped, or else until arrivals pause
     * ({@link GatherTimings#burstGapNanos()}; at most {@link GatherTimings#maxBurstNanos()} in all). Senders
     * that wait for each answer (MLLP) otherwise split into two halves that take turns, each commit carrying half of
     * them; with the burst, a commit carries nearly all, so each costs the broker and the CPU less per message. A lone
     * sender never waits: no other commit is running when its message arrives, and its last commit answered only it.
     */
    private List<Pending> gather() throws InterruptedException {
        List<Pending> group = new ArrayList<>();
        int max = settings.maxMessagesPerCommit();
        taking.lockInterruptibly();
        try {
            Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
            if (first == null) {
                return group;
            }
            group.add(first);
            queue.drainTo(group, max - group.size());
            long mark = preparations.startedSoFar();
            collectWhile(group, max, MAX_GATHER_NANOS, 100_000, () -> preparations.underWay(mark));
            // a new message ends the poll at once; the other commit's end is noticed within a millisecond
            collectWhile(group, max, timings.maxBehindNanos(), 1_000_000, () -> activity.anyRunning() && bytes(group) < SMALL_GROUP_BYTES);
            if (activity.lastAnsweredSeveral()) {
                collectBurst(group, max);
            }
            return group;
        } finally {
            taking.unlock();
        }
    }

    // Adds queued messages to the group while it has room, the condition holds and the wait has not run out, polling in
    // slices so that a change of the condition is noticed.
    private void collectWhile(List<Pending> group, int max, long waitNanos, long sliceNanos, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + waitNanos;
        while (group.size() < max && condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Pending next = queue.poll(Math.min(left, sliceNanos), TimeUnit.NANOSECONDS);
            if (next != null) {
                group.add(next);
                queue.drainTo(group, max - group.size());
            }
        }
    }

    // Adds queued messages while each arrives within the burst gap of the one before, up to the burst's time limit; ends
    // at once when the senders the last commit answered have all sent again and nothing else is being mapped.
    private void collectBurst(List<Pending> group, int max) throws InterruptedException {
        long deadline = System.nanoTime() + timings.maxBurstNanos();
        while (group.size() < max && bytes(group) < SMALL_GROUP_BYTES) {
            if (activity.answeredHaveSentAgain() && !preparations.anyUnderWay()) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Pending next = queue.poll(Math.min(left, timings.burstGapNanos()), TimeUnit.NANOSECONDS);
            if (next == null) {
                return; // arrivals paused: the burst is over
            }
            group.add(next);
            queue.drainTo(group, max - group.size());
        }
    }

    private static long bytes(List<Pending> group) {
        long n = 0;
        for (Pending p : group) {
            n += p.bytes();
        }
        return n;
    }

    /** @param count records the group in the stats, once; called before any of its senders is answered */
    private void commit(List<Pending> group, Runnable count) {
        if (producer == null && !replacementMade(group, count)) {
            return; // Kafka still cannot give a producer: the group failed, the next one asks again
        }
        try {
            producer.beginTransaction();
            for (Pending p : group) {
                for (ProducerRecord<byte[], byte[]> r : p.records()) {
                    producer.send(r);
                }
            }
            producer.commitTransaction(); // flushes; a failed send surfaces here
            activity.answering(group.size());
            count.run();
            group.forEach(p -> p.done().complete(null));
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException | UnsupportedVersionException fatal) {
            LOG.error("publish lane {}: producer unusable ({}); starting a new one", transactionalId, fatal.toString());
            stats.failed(group.size());
            count.run();
            group.forEach(p -> p.done().completeExceptionally(fatal));
            replaceProducer();
        } catch (KafkaException e) {
            abort();
            if (group.size() > 1 && producer != null) { // (no producer: Kafka is unreachable, and each would fail the same way)
                stats.retriedAlone(group.size());
                group.forEach(p -> commit(List.of(p), count)); // one bad message must not fail the others in its group
            } else {
                stats.failed(group.size());
                count.run();
                group.forEach(p -> p.done().completeExceptionally(e));
            }
        }
    }

    /** Asks Kafka for the producer an earlier replacement could not get; when it still cannot, fails the group with why. */
    private boolean replacementMade(List<Pending> group, Runnable count) {
        try {
            producer = factory.create(transactionalId);
            noProducerBecause = null;
            return true;
        } catch (KafkaException e) {
            noProducerBecause = e.toString();
            stats.failed(group.size());
            count.run();
            group.forEach(p -> p.done().completeExceptionally(e));
            return false;
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

    /**
     * Closes the producer and asks Kafka for a new one under the same transactional id (which fences whatever the old
     * one left behind). When Kafka cannot give one now (unreachable: {@code initTransactions} timed out), the lane has
     * no producer until the next group asks again, so a long outage never leaves it holding a closed one.
     */
    private void replaceProducer() {
        Producer<byte[], byte[]> old = producer;
        producer = null;
        try {
            old.close(Duration.ofSeconds(5));
        } catch (KafkaException ignored) {
            // the old producer is broken anyway
        }
        try {
            producer = factory.create(transactionalId);
        } catch (KafkaException e) {
            noProducerBecause = e.toString();
            LOG.warn("publish lane {}: no new producer yet ({}); asking again with the next messages", transactionalId, e.toString());
        }
    }

    /** Why this lane has no producer (Kafka could not give it one when last asked), or null when it has one. */
    String noProducerBecause() {
        return producer == null ? noProducerBecause : null;
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
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}

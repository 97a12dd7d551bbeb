package org.openspr.ingest.publish;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the lanes of one publisher know of each other's commits: how many are running, how many senders the last one
 * answered, and how many messages have arrived since it answered them.
 */
final class CommitActivity {
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong arrivals = new AtomicLong();
    private volatile int lastGroupSize;
    private volatile long arrivalsWhenAnswered;

    /** A message is about to be queued (counted before it can be taken, so a gatherer never sees it uncounted). */
    void arriving() {
        arrivals.incrementAndGet();
    }

    void started() {
        running.incrementAndGet();
    }

    /** A commit is about to answer its {@code groupSize} senders: their next messages count from here. */
    void answering(int groupSize) {
        arrivalsWhenAnswered = arrivals.get();
        lastGroupSize = groupSize;
    }

    void ended() {
        running.decrementAndGet();
    }

    /**
     * True once as many messages have arrived since the last commit answered its senders as it answered: those senders
     * that send again have most likely all done so (the gatherer still waits for messages being mapped).
     */
    boolean answeredHaveSentAgain() {
        return arrivals.get() - arrivalsWhenAnswered >= lastGroupSize;
    }

    boolean anyRunning() {
        return running.get() > 0;
    }

    /** True when the last commit answered several senders at once: their next messages are likely to come as a burst. */
    boolean lastAnsweredSeveral() {
        return lastGroupSize > 1;
    }
}

package org.openspr.ingest.publish;

import java.util.concurrent.atomic.AtomicInteger;

/** What the lanes of one publisher know of each other's commits: how many are running, and how big the last one was. */
final class CommitActivity {
    private final AtomicInteger running = new AtomicInteger();
    private volatile int lastGroupSize;

    void started() {
        running.incrementAndGet();
    }

    void ended(int groupSize) {
        lastGroupSize = groupSize;
        running.decrementAndGet();
    }

    boolean anyRunning() {
        return running.get() > 0;
    }

    /** True when the last commit answered several senders at once: their next messages are likely to come as a burst. */
    boolean lastAnsweredSeveral() {
        return lastGroupSize > 1;
    }
}

package org.openspr.ingest.publish;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts messages that are being mapped right now, so that a lane about to commit can wait a moment for the ones that
 * were already under way when it started gathering: they join the same transaction instead of each paying for a
 * commit of their own. A message that was not yet under way is never waited for, so a lone sender sees no delay.
 */
final class Preparations {
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();

    /** A message starts being mapped; close the token once it is queued for publishing, or given up. */
    Token start() {
        started.incrementAndGet();
        return new Token();
    }

    /** How many messages have started so far: the mark a gatherer waits for. */
    long startedSoFar() {
        return started.get();
    }

    /** True while some message that started before {@code mark} is still being mapped. */
    boolean underWay(long mark) {
        return finished.get() < mark;
    }

    /** True while any message is being mapped. */
    boolean anyUnderWay() {
        long done = finished.get(); // read first: a message that starts after this read makes the answer true, never false
        return started.get() > done;
    }

    /** One message under way. Closing twice counts once. */
    final class Token implements AutoCloseable {
        private boolean open = true;

        @Override
        public void close() {
            if (open) {
                open = false;
                finished.incrementAndGet();
            }
        }
    }
}

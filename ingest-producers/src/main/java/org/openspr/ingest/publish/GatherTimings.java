package org.openspr.ingest.publish;

import java.util.concurrent.TimeUnit;

/**
 * How long a lane keeps gathering a group before it commits (see {@link PublishLane}).
 *
 * @param maxBehindNanos longest a small group waits for another lane's commit to end
 * @param burstGapNanos  once the last commit carried several messages: the longest quiet spell between arrivals that
 *                       still counts as one burst, so the senders it answered join the next commit together (a burst
 *                       ends at once when as many messages as that commit carried have arrived and none is being mapped;
 *                       the quiet spell ends it when some of those senders do not send again)
 * @param maxBurstNanos  longest a group keeps collecting such a burst
 */
record GatherTimings(long maxBehindNanos, long burstGapNanos, long maxBurstNanos) {
    /**
     * Chosen on this 2-core machine with 32 MLLP connections: the senders a commit answers send again within a few
     * hundred microseconds of each other (each message takes about 70 us of CPU to map), so a 0.5 ms quiet spell marks
     * the end of the burst, and 3 ms bounds what the first of them waits.
     */
    static final GatherTimings DEFAULT = new GatherTimings(TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.MICROSECONDS.toNanos(500),
            TimeUnit.MILLISECONDS.toNanos(3));
}

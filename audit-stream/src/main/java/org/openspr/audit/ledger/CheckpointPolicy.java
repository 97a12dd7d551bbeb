package org.openspr.audit.ledger;

import java.time.Duration;

/**
 * When the sequencer signs a checkpoint of a partition: after {@code everyEntries} new entries, or when
 * {@code interval} of wall-clock time passes with any new entries, whichever comes first.
 */
public record CheckpointPolicy(long everyEntries, Duration interval) {
    public CheckpointPolicy {
        if (everyEntries < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("checkpoint every >= 1 entries and a positive interval, got "
                    + everyEntries + " / " + interval);
        }
    }

    /** 1000 entries or 10 seconds. */
    public static CheckpointPolicy defaults() {
        return new CheckpointPolicy(1000, Duration.ofSeconds(10));
    }
}

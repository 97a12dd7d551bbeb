package org.openspr.ingest.publish;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the group commits: how many transactions, how many messages they carried, how long they took. */
public final class PublisherStats {
    private final LongAdder commits = new LongAdder();
    private final LongAdder messages = new LongAdder();
    private final LongAdder commitNanos = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder retriedAlone = new LongAdder();

    void committed(int groupSize, long nanos) {
        commits.increment();
        messages.add(groupSize);
        commitNanos.add(nanos);
    }

    void failed(int n) {
        failed.add(n);
    }

    void retriedAlone(int n) {
        retriedAlone.add(n);
    }

    /** A point-in-time copy. */
    public Snapshot snapshot() {
        return new Snapshot(commits.sum(), messages.sum(), commitNanos.sum(), failed.sum(), retriedAlone.sum());
    }

    /**
     * @param commits      transactions attempted (a group retried message by message counts once)
     * @param messages     messages in those groups
     * @param commitNanos  time spent in them
     * @param failed       messages whose commit failed (their senders were told so)
     * @param retriedAlone messages re-sent in a transaction of their own after their group failed
     */
    public record Snapshot(long commits, long messages, long commitNanos, long failed, long retriedAlone) {
        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(commits - earlier.commits, messages - earlier.messages, commitNanos - earlier.commitNanos,
                    failed - earlier.failed, retriedAlone - earlier.retriedAlone);
        }

        @Override
        public String toString() {
            return String.format("%d commits, %.1f messages/commit, %.1f ms/commit, %d failed, %d retried alone", commits,
                    commits == 0 ? 0.0 : (double) messages / commits, commits == 0 ? 0.0 : commitNanos / 1e6 / commits, failed,
                    retriedAlone);
        }
    }
}

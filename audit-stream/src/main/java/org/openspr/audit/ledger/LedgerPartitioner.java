package org.openspr.audit.ledger;

import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Writes ledger entries and checkpoints to the partition their chain belongs to, not to wherever the key would
 * hash: chain p lives in partition p of the ledger and checkpoint topics.
 */
public final class LedgerPartitioner<V> implements StreamPartitioner<String, V> {
    private final ToIntFunction<V> ledgerPartition;

    public LedgerPartitioner(ToIntFunction<V> ledgerPartition) {
        this.ledgerPartition = ledgerPartition;
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, V value, int numPartitions) {
        int partition = ledgerPartition.applyAsInt(value);
        if (partition >= numPartitions) {
            throw new IllegalStateException("ledger partition " + partition + " but " + topic + " has only " + numPartitions
                    + " partitions: it must have as many as the audit events topic");
        }
        return Optional.of(Set.of(partition));
    }
}

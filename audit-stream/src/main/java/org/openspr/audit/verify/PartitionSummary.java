package org.openspr.audit.verify;

/**
 * What the verifier saw in one partition.
 *
 * @param entries              ledger records read
 * @param checkpoints          checkpoints read
 * @param sealedTreeSize       tree size of the last checkpoint whose signature verified
 * @param unsealedEntries      entries after that checkpoint: chained but not yet signed (normal for up to one interval)
 */
public record PartitionSummary(int partition, long entries, long checkpoints, long sealedTreeSize, long unsealedEntries) {
}

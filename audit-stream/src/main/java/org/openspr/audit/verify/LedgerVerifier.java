package org.openspr.audit.verify;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.openspr.audit.ledger.CheckpointSignatures;
import org.openspr.events.avro.LedgerCheckpoint;
import org.openspr.events.avro.LedgerEntry;
import org.openspr.events.topics.Topics;

/**
 * Verifies a {@link LedgerSnapshot}: per partition, (a) no entry altered (each hashes to its entryHash), (b) none
 * removed, inserted or reordered (sequence numbers and the hash chain), (c) each signed checkpoint matches the
 * entries and is a consistent extension of the one before. Needs only the ledger's public key. Issues come per
 * partition: entry findings in offset order first (the first one is where tampering starts), then checkpoint findings.
 */
public final class LedgerVerifier {
    private final CheckpointSignatures signatures;
    private final Deserializer<LedgerEntry> entries;
    private final Deserializer<LedgerCheckpoint> checkpoints;

    public LedgerVerifier(CheckpointSignatures signatures, Topics topics) {
        this(signatures, topics.auditLedger().valueSerde().deserializer(), topics.auditCheckpoints().valueSerde().deserializer());
    }

    public LedgerVerifier(CheckpointSignatures signatures, Deserializer<LedgerEntry> entries, Deserializer<LedgerCheckpoint> checkpoints) {
        this.signatures = signatures;
        this.entries = entries;
        this.checkpoints = checkpoints;
    }

    public VerificationReport verify(LedgerSnapshot snapshot, ProgressListener progress) {
        List<LedgerIssue> issues = new ArrayList<>();
        List<PartitionSummary> summaries = new ArrayList<>();
        for (int partition : snapshot.partitions()) {
            List<LedgerRecord> entryRecords = snapshot.entries().getOrDefault(partition, List.of());
            List<LedgerRecord> checkpointRecords = snapshot.checkpoints().getOrDefault(partition, List.of());
            PartitionResult result = verifyPartition(partition, entryRecords, checkpointRecords, progress);
            issues.addAll(result.chain().issues);
            issues.addAll(result.checkpoints().issues);
            long sealed = result.checkpoints().valid.isEmpty() ? 0
                    : result.checkpoints().valid.get(result.checkpoints().valid.size() - 1).getTreeSize();
            summaries.add(new PartitionSummary(partition, entryRecords.size(), checkpointRecords.size(), sealed,
                    Math.max(0, result.chain().accepted.size() - sealed)));
        }
        return new VerificationReport(List.copyOf(issues), List.copyOf(summaries));
    }

    /** The chain and checkpoint verification of one partition, kept for inclusion proofs. */
    record PartitionResult(ChainVerifier chain, CheckpointVerifier checkpoints) {
    }

    PartitionResult verifyPartition(int partition, List<LedgerRecord> entryRecords, List<LedgerRecord> checkpointRecords,
            ProgressListener progress) {
        ChainVerifier chain = new ChainVerifier(partition, Topics.AUDIT_LEDGER.name(), entries);
        chain.verify(entryRecords, progress);
        CheckpointVerifier checkpointVerifier = new CheckpointVerifier(partition, Topics.AUDIT_CHECKPOINTS.name(), checkpoints, signatures);
        checkpointVerifier.verify(checkpointRecords, chain);
        return new PartitionResult(chain, checkpointVerifier);
    }
}

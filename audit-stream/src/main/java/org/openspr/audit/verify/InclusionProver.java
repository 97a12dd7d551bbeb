package org.openspr.audit.verify;

import java.util.List;
import java.util.Optional;
import org.openspr.audit.AuditErrorCode;
import org.openspr.audit.merkle.MerkleProofs;
import org.openspr.events.avro.LedgerCheckpoint;
import org.openspr.events.errors.SprException;

/** Finds an entry by auditId in a snapshot and proves its inclusion against the latest signed checkpoint covering it. */
public final class InclusionProver {
    private final LedgerVerifier verifier;

    public InclusionProver(LedgerVerifier verifier) {
        this.verifier = verifier;
    }

    public EntryInclusionProof prove(LedgerSnapshot snapshot, String auditId) {
        for (int partition : snapshot.partitions()) {
            LedgerVerifier.PartitionResult result = verifier.verifyPartition(partition,
                    snapshot.entries().getOrDefault(partition, List.of()),
                    snapshot.checkpoints().getOrDefault(partition, List.of()), ProgressListener.NONE);
            List<DecodedEntry> accepted = result.chain().accepted;
            Optional<DecodedEntry> found = accepted.stream().filter(e -> e.entry().getAuditId().equals(auditId)).findFirst();
            if (found.isEmpty()) {
                continue;
            }
            long sequence = found.get().sequence();
            List<LedgerCheckpoint> checkpoints = result.checkpoints().valid;
            LedgerCheckpoint latest = checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
            if (latest == null || latest.getTreeSize() <= sequence || latest.getTreeSize() > accepted.size()) {
                throw new SprException(AuditErrorCode.INCLUSION_NOT_COVERED, partition, sequence,
                        latest == null ? 0 : latest.getTreeSize());
            }
            List<byte[]> leaves = accepted.stream().map(DecodedEntry::leafHash).toList();
            return new EntryInclusionProof(found.get().entry(), latest,
                    MerkleProofs.inclusionProof(leaves, sequence, latest.getTreeSize()));
        }
        throw new SprException(AuditErrorCode.INCLUSION_NO_SUCH_ENTRY, auditId);
    }
}

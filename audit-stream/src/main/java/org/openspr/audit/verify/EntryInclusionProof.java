package org.openspr.audit.verify;

import java.util.List;
import org.openspr.audit.ledger.Bytes;
import org.openspr.audit.ledger.CheckpointSignatures;
import org.openspr.audit.ledger.LedgerCanonicalForm;
import org.openspr.audit.merkle.MerkleProofVerifier;
import org.openspr.events.avro.LedgerCheckpoint;
import org.openspr.events.avro.LedgerEntry;

/**
 * Proof that one ledger entry is in the tree a signed checkpoint commits to: the entry, the checkpoint and the
 * RFC 6962 audit path. Anyone with the public key can check it without the rest of the ledger.
 */
public record EntryInclusionProof(LedgerEntry entry, LedgerCheckpoint checkpoint, List<byte[]> path) {

    /** True if the checkpoint is signed by the key, names the entry's partition, and the path leads from the entry to its root. */
    public boolean verify(CheckpointSignatures signatures) {
        return verify(entry, signatures);
    }

    /** Checks this proof's path and checkpoint for another (e.g. a forged) entry: true only for the real one. */
    public boolean verify(LedgerEntry candidate, CheckpointSignatures signatures) {
        return signatures.verify(checkpoint)
                && candidate.getLedgerPartition() == checkpoint.getLedgerPartition()
                && MerkleProofVerifier.verifyInclusion(LedgerCanonicalForm.leafHash(candidate), candidate.getSequence(),
                        checkpoint.getTreeSize(), path, Bytes.of(checkpoint.getRootHash()));
    }
}

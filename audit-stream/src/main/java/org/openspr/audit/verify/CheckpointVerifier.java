package org.openspr.audit.verify;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.openspr.audit.AuditErrorCode;
import org.openspr.audit.ledger.Bytes;
import org.openspr.audit.ledger.CheckpointSignatures;
import org.openspr.audit.merkle.MerkleFrontier;
import org.openspr.audit.merkle.MerkleHashes;
import org.openspr.audit.merkle.MerkleProofVerifier;
import org.openspr.audit.merkle.MerkleProofs;
import org.openspr.events.avro.LedgerCheckpoint;

/**
 * Checks one partition's checkpoints against its accepted entries: signature (public key only), chaining to the
 * previous checkpoint, the signed root against the root recomputed from the entries, and an RFC 6962 consistency
 * proof from each checkpoint to the next.
 */
final class CheckpointVerifier {
    private final int partition;
    private final String topic;
    private final Deserializer<LedgerCheckpoint> deserializer;
    private final CheckpointSignatures signatures;
    final List<LedgerIssue> issues = new ArrayList<>();
    /** Checkpoints whose signature verified, in offset order. */
    final List<LedgerCheckpoint> valid = new ArrayList<>();

    CheckpointVerifier(int partition, String topic, Deserializer<LedgerCheckpoint> deserializer, CheckpointSignatures signatures) {
        this.partition = partition;
        this.topic = topic;
        this.deserializer = deserializer;
        this.signatures = signatures;
    }

    void verify(List<LedgerRecord> records, ChainVerifier chain) {
        List<byte[]> leaves = chain.accepted.stream().map(DecodedEntry::leafHash).toList();
        long usable = chain.firstGap < 0 ? leaves.size() : chain.firstGap;
        List<long[]> offsetsAndSizes = new ArrayList<>();
        List<LedgerCheckpoint> signed = new ArrayList<>();
        for (LedgerRecord record : records) {
            LedgerCheckpoint checkpoint = decode(record);
            if (checkpoint == null || checkpoint.getLedgerPartition() != partition) {
                continue;
            }
            if (!signatures.verify(checkpoint)) {
                issues.add(LedgerIssue.of(AuditErrorCode.CHECKPOINT_BAD_SIGNATURE, partition, record.offset(), -1, partition,
                        checkpoint.getTreeSize(), record.offset(), signatures.keyId()));
                continue;
            }
            signed.add(checkpoint);
            offsetsAndSizes.add(new long[] {record.offset(), checkpoint.getTreeSize()});
        }
        Map<Long, byte[]> roots = rootsAt(leaves, usable, signed);
        long previousSize = 0;
        byte[] previousRoot = MerkleHashes.EMPTY_ROOT;
        for (int i = 0; i < signed.size(); i++) {
            LedgerCheckpoint checkpoint = signed.get(i);
            long offset = offsetsAndSizes.get(i)[0];
            long size = checkpoint.getTreeSize();
            byte[] root = Bytes.of(checkpoint.getRootHash());
            if (checkpoint.getPreviousTreeSize() != previousSize
                    || !MessageDigest.isEqual(Bytes.of(checkpoint.getPreviousRootHash()), previousRoot)) {
                issues.add(LedgerIssue.of(AuditErrorCode.CHECKPOINT_CHAIN_BROKEN, partition, offset, -1, partition, size,
                        checkpoint.getPreviousTreeSize(), previousSize));
            }
            if (size > leaves.size()) {
                issues.add(LedgerIssue.of(AuditErrorCode.CHECKPOINT_BEYOND_LEDGER, partition, offset, leaves.size(), partition, size,
                        leaves.size(), leaves.size()));
            } else if (size <= usable) {
                checkAgainstEntries(checkpoint, offset, root, roots.get(size), chain, previousSize);
                List<byte[]> proof = MerkleProofs.consistencyProof(leaves, Math.min(previousSize, size), size);
                if (previousSize > size || !MerkleProofVerifier.verifyConsistency(previousSize, size, previousRoot, root, proof)) {
                    issues.add(LedgerIssue.of(AuditErrorCode.CHECKPOINT_INCONSISTENT, partition, offset, -1, partition, size,
                            previousSize));
                }
            }
            valid.add(checkpoint);
            previousSize = size;
            previousRoot = root;
        }
    }

    private void checkAgainstEntries(LedgerCheckpoint checkpoint, long offset, byte[] root, byte[] recomputed, ChainVerifier chain,
            long previousSize) {
        long size = checkpoint.getTreeSize();
        if (!MessageDigest.isEqual(root, recomputed)) {
            issues.add(LedgerIssue.of(AuditErrorCode.CHECKPOINT_ROOT_MISMATCH, partition, offset, -1, partition, size,
                    Math.min(previousSize, size - 1), size - 1));
        } else if (size > 0 && !MessageDigest.isEqual(Bytes.of(checkpoint.getLastEntryHash()),
                chain.accepted.get((int) size - 1).claimedHash())) {
            issues.add(LedgerIssue.of(AuditErrorCode.CHECKPOINT_LAST_ENTRY_MISMATCH, partition, offset, size - 1, partition, size,
                    size - 1));
        }
    }

    /** Roots of the tree at every checkpointed size, in one pass over the leaves with a frontier. */
    private static Map<Long, byte[]> rootsAt(List<byte[]> leaves, long usable, List<LedgerCheckpoint> checkpoints) {
        Map<Long, byte[]> wanted = new HashMap<>();
        checkpoints.forEach(c -> wanted.put(c.getTreeSize(), null));
        MerkleFrontier frontier = new MerkleFrontier();
        if (wanted.containsKey(0L)) {
            wanted.put(0L, frontier.root());
        }
        for (int i = 0; i < usable; i++) {
            frontier.appendLeafHash(leaves.get(i));
            if (wanted.containsKey(frontier.size())) {
                wanted.put(frontier.size(), frontier.root());
            }
        }
        return wanted;
    }

    private LedgerCheckpoint decode(LedgerRecord record) {
        try {
            LedgerCheckpoint checkpoint = deserializer.deserialize(topic, record.value());
            if (checkpoint == null) {
                throw new IllegalArgumentException("null value");
            }
            return checkpoint;
        } catch (RuntimeException e) {
            issues.add(LedgerIssue.of(AuditErrorCode.CHECKPOINT_UNDECODABLE, partition, record.offset(), -1, partition,
                    record.offset(), e.getMessage()));
            return null;
        }
    }
}

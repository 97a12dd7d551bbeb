package org.openspr.audit.ledger;

import java.nio.ByteBuffer;
import org.openspr.audit.merkle.MerkleFrontier;
import org.openspr.audit.merkle.MerkleHashes;

/**
 * What the sequencer must remember about one ledger partition between records: the chain head, the Merkle
 * frontier (O(log n) hashes) and the last checkpoint. Stored as one value per partition in the ledger state store,
 * so its size never grows with the ledger.
 */
public final class LedgerState {
    private static final byte VERSION = 1;
    private byte[] lastEntryHash;
    private final MerkleFrontier frontier;
    private long checkpointTreeSize;
    private byte[] checkpointRoot;

    private LedgerState(byte[] lastEntryHash, MerkleFrontier frontier, long checkpointTreeSize, byte[] checkpointRoot) {
        this.lastEntryHash = lastEntryHash;
        this.frontier = frontier;
        this.checkpointTreeSize = checkpointTreeSize;
        this.checkpointRoot = checkpointRoot;
    }

    /** The state of a partition with no entries yet. */
    public static LedgerState empty() {
        return new LedgerState(LedgerCanonicalForm.GENESIS_HASH.clone(), new MerkleFrontier(), 0, MerkleHashes.EMPTY_ROOT.clone());
    }

    /** Sequence number the next entry gets (= entries so far = Merkle tree size). */
    public long nextSequence() {
        return frontier.size();
    }

    public byte[] lastEntryHash() {
        return lastEntryHash;
    }

    public void append(byte[] entryHash, byte[] leafHash) {
        lastEntryHash = entryHash;
        frontier.appendLeafHash(leafHash);
    }

    public byte[] root() {
        return frontier.root();
    }

    public long entriesSinceCheckpoint() {
        return frontier.size() - checkpointTreeSize;
    }

    public long checkpointTreeSize() {
        return checkpointTreeSize;
    }

    public byte[] checkpointRoot() {
        return checkpointRoot;
    }

    public void checkpointed(long treeSize, byte[] root) {
        checkpointTreeSize = treeSize;
        checkpointRoot = root;
    }

    /** version (1) | lastEntryHash (32) | checkpointTreeSize (8) | checkpointRoot (32) | frontier. */
    public byte[] toBytes() {
        byte[] frontierBytes = frontier.toBytes();
        return ByteBuffer.allocate(1 + 32 + 8 + 32 + frontierBytes.length)
                .put(VERSION).put(lastEntryHash).putLong(checkpointTreeSize).put(checkpointRoot).put(frontierBytes).array();
    }

    public static LedgerState fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte version = buffer.get();
        if (version != VERSION) {
            throw new IllegalArgumentException("unknown ledger state version " + version);
        }
        byte[] last = new byte[32];
        buffer.get(last);
        long checkpointSize = buffer.getLong();
        byte[] checkpointRoot = new byte[32];
        buffer.get(checkpointRoot);
        byte[] frontierBytes = new byte[buffer.remaining()];
        buffer.get(frontierBytes);
        return new LedgerState(last, MerkleFrontier.fromBytes(frontierBytes), checkpointSize, checkpointRoot);
    }
}

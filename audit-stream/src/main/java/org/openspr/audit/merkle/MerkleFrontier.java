package org.openspr.audit.merkle;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact state needed to extend an RFC 6962 Merkle tree one leaf at a time: the roots of the perfect
 * subtrees that make up the tree, largest (leftmost) first, one per set bit of the size, so O(log n) hashes.
 * Appending costs amortised one node hash; the root is the right-to-left fold of the subtree roots, which is
 * exactly RFC 6962's MTH because that tree splits at the largest power of two below n.
 */
public final class MerkleFrontier {
    private long size;
    private final List<byte[]> subtreeRoots;

    public MerkleFrontier() {
        this(0, new ArrayList<>());
    }

    private MerkleFrontier(long size, List<byte[]> subtreeRoots) {
        this.size = size;
        this.subtreeRoots = subtreeRoots;
    }

    /** Appends a leaf given its leaf hash ({@link MerkleHashes#leafHash}). */
    public void appendLeafHash(byte[] leafHash) {
        byte[] node = leafHash;
        // Each trailing 1 bit of the old size is a perfect subtree of equal size to merge with.
        for (long bits = size; (bits & 1) == 1; bits >>>= 1) {
            node = MerkleHashes.nodeHash(subtreeRoots.remove(subtreeRoots.size() - 1), node);
        }
        subtreeRoots.add(node);
        size++;
    }

    public long size() {
        return size;
    }

    /** MTH of the leaves so far. */
    public byte[] root() {
        if (subtreeRoots.isEmpty()) {
            return MerkleHashes.EMPTY_ROOT.clone();
        }
        byte[] root = subtreeRoots.get(subtreeRoots.size() - 1);
        for (int i = subtreeRoots.size() - 2; i >= 0; i--) {
            root = MerkleHashes.nodeHash(subtreeRoots.get(i), root);
        }
        return root;
    }

    /** Bytes: size (8, big-endian) then the subtree roots, 32 bytes each, largest first. */
    public byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(8 + subtreeRoots.size() * MerkleHashes.HASH_LENGTH);
        buffer.putLong(size);
        subtreeRoots.forEach(buffer::put);
        return buffer.array();
    }

    public static MerkleFrontier fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long size = buffer.getLong();
        int count = Long.bitCount(size);
        if (buffer.remaining() != count * MerkleHashes.HASH_LENGTH) {
            throw new IllegalArgumentException("frontier of size " + size + " needs " + count + " hashes, has "
                    + buffer.remaining() + " bytes");
        }
        List<byte[]> roots = new ArrayList<>(count + 1);
        for (int i = 0; i < count; i++) {
            byte[] hash = new byte[MerkleHashes.HASH_LENGTH];
            buffer.get(hash);
            roots.add(hash);
        }
        return new MerkleFrontier(size, roots);
    }
}

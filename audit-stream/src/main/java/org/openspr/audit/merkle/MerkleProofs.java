package org.openspr.audit.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds RFC 6962 (section 2.1) audit paths and consistency proofs from the leaf hashes of a tree. Used by the
 * verifier, which holds the leaf hashes it read from the ledger; the streaming ledger itself keeps only a
 * {@link MerkleFrontier}.
 */
public final class MerkleProofs {
    private MerkleProofs() {
    }

    /** MTH(D[from:to]) over leaf hashes. */
    public static byte[] root(List<byte[]> leafHashes, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return MerkleHashes.EMPTY_ROOT.clone();
        }
        if (n == 1) {
            return leafHashes.get(from);
        }
        int k = largestPowerOfTwoBelow(n);
        return MerkleHashes.nodeHash(root(leafHashes, from, from + k), root(leafHashes, from + k, to));
    }

    /** PATH(index, D[0:treeSize]): the audit path proving leaf {@code index} is in the tree of that size. */
    public static List<byte[]> inclusionProof(List<byte[]> leafHashes, long index, long treeSize) {
        if (index < 0 || index >= treeSize || treeSize > leafHashes.size()) {
            throw new IllegalArgumentException("no leaf " + index + " in a tree of size " + treeSize
                    + " over " + leafHashes.size() + " leaves");
        }
        List<byte[]> path = new ArrayList<>();
        path(leafHashes, (int) index, 0, (int) treeSize, path);
        return path;
    }

    private static void path(List<byte[]> leaves, int m, int from, int to, List<byte[]> out) {
        int n = to - from;
        if (n <= 1) {
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(leaves, m, from, from + k, out);
            out.add(root(leaves, from + k, to));
        } else {
            path(leaves, m - k, from + k, to, out);
            out.add(root(leaves, from, from + k));
        }
    }

    /** PROOF(m, D[0:n]): proves the tree of size m is a prefix of the tree of size n. */
    public static List<byte[]> consistencyProof(List<byte[]> leafHashes, long m, long n) {
        if (m < 0 || m > n || n > leafHashes.size()) {
            throw new IllegalArgumentException("no consistency proof from " + m + " to " + n + " over "
                    + leafHashes.size() + " leaves");
        }
        List<byte[]> proof = new ArrayList<>();
        if (m > 0 && m < n) {
            subproof(leafHashes, (int) m, 0, (int) n, true, proof);
        }
        return proof;
    }

    private static void subproof(List<byte[]> leaves, int m, int from, int to, boolean complete, List<byte[]> out) {
        int n = to - from;
        if (m == n) {
            if (!complete) {
                out.add(root(leaves, from, to));
            }
            return;
        }
        int k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(leaves, m, from, from + k, complete, out);
            out.add(root(leaves, from + k, to));
        } else {
            subproof(leaves, m - k, from + k, to, false, out);
            out.add(root(leaves, from, from + k));
        }
    }

    /** The largest power of two strictly less than n (n > 1). */
    static int largestPowerOfTwoBelow(int n) {
        return Integer.highestOneBit(n - 1);
    }
}

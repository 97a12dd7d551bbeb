package org.openspr.audit.merkle;

import java.security.MessageDigest;
import java.util.List;

/**
 * Checks RFC 9162 inclusion (section 2.1.3.2) and consistency (section 2.1.4.2) proofs. Needs nothing but the
 * proof and the tree heads, so an auditor holding only signed checkpoints can run it.
 */
public final class MerkleProofVerifier {
    private MerkleProofVerifier() {
    }

    /** True if {@code proof} shows the leaf with this leaf hash sits at {@code index} in the tree with {@code root}. */
    public static boolean verifyInclusion(byte[] leafHash, long index, long treeSize, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= treeSize || !wellFormed(proof) || !isHash(leafHash) || !isHash(root)) {
            return false;
        }
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleHashes.nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = MerkleHashes.nodeHash(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /** True if {@code proof} shows the tree (firstSize, firstRoot) is a prefix of (secondSize, secondRoot). */
    public static boolean verifyConsistency(long firstSize, long secondSize, byte[] firstRoot, byte[] secondRoot,
            List<byte[]> proof) {
        if (firstSize < 0 || firstSize > secondSize || !wellFormed(proof) || !isHash(firstRoot) || !isHash(secondRoot)) {
            return false;
        }
        if (firstSize == secondSize) {
            return proof.isEmpty() && MessageDigest.isEqual(firstRoot, secondRoot);
        }
        if (firstSize == 0) {
            // Every tree extends the empty tree; nothing to prove.
            return proof.isEmpty() && MessageDigest.isEqual(firstRoot, MerkleHashes.EMPTY_ROOT);
        }
        if (proof.isEmpty()) {
            return false;
        }
        int start = 0;
        byte[] seed;
        if (Long.bitCount(firstSize) == 1) {
            seed = firstRoot; // the first tree is a perfect subtree: its root is the proof's implicit first element
        } else {
            seed = proof.get(0);
            start = 1;
        }
        long fn = firstSize - 1;
        long sn = secondSize - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        byte[] fr = seed;
        byte[] sr = seed;
        for (int i = start; i < proof.size(); i++) {
            byte[] c = proof.get(i);
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleHashes.nodeHash(c, fr);
                sr = MerkleHashes.nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                sr = MerkleHashes.nodeHash(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, firstRoot) && MessageDigest.isEqual(sr, secondRoot);
    }

    private static boolean wellFormed(List<byte[]> proof) {
        return proof != null && proof.stream().allMatch(MerkleProofVerifier::isHash);
    }

    private static boolean isHash(byte[] hash) {
        return hash != null && hash.length == MerkleHashes.HASH_LENGTH;
    }
}

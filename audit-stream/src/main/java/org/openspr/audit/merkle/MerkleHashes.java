package org.openspr.audit.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The two RFC 6962/9162 hash functions: leaf = SHA-256(0x00 || data), node = SHA-256(0x01 || left || right). */
public final class MerkleHashes {
    public static final int HASH_LENGTH = 32;
    // MessageDigest is not thread-safe and costs an allocation to look up; one per thread.
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(MerkleHashes::newDigest);
    /** The hash of the empty tree: SHA-256 of the empty string (declared after DIGEST, which computes it). */
    public static final byte[] EMPTY_ROOT = sha256(new byte[0]);

    private MerkleHashes() {
    }

    public static byte[] leafHash(byte[] data) {
        MessageDigest digest = DIGEST.get();
        digest.update((byte) 0x00);
        return digest.digest(data);
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest digest = DIGEST.get();
        digest.update((byte) 0x01);
        digest.update(left);
        return digest.digest(right);
    }

    public static byte[] sha256(byte[] data) {
        return DIGEST.get().digest(data);
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

package org.openspr.ingest.map;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content hashes that make event ids of messages without their own id or version deterministic. */
public final class Digests {
    private Digests() {
    }

    /** First 16 bytes of SHA-256, hex: enough to tell versions of one message apart. */
    public static String shortSha256(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

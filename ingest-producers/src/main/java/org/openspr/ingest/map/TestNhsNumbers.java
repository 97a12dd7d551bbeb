package org.openspr.ingest.map;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.openspr.events.nhs.NhsNumber;

/**
 * Deterministic NHS test numbers (999 range) for imported test data that has none (e.g. Synthea): the same local
 * identifier always gets the same number, so a re-run of an import repeats the same links. Numbers come from a
 * hash of the identifier, so two identifiers can collide (about 1 in 900,000 per pair); acceptable for test data only.
 */
public final class TestNhsNumbers {
    private static final long SPACE = 900_000L;

    private TestNhsNumbers() {
    }

    public static String forKey(String localIdentifierKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(localIdentifierKey.getBytes(StandardCharsets.UTF_8));
            return NhsNumber.testNumber(Math.floorMod(ByteBuffer.wrap(hash).getLong(), SPACE));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

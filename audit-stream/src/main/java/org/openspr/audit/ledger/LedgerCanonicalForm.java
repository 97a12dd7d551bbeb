package org.openspr.audit.ledger;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.openspr.audit.merkle.MerkleHashes;
import org.openspr.events.avro.LedgerEntry;

/**
 * The bytes an entry's hashes are computed over, independent of Avro schema evolution so a verifier years later
 * gets the same answer. Layout (big-endian, strings and byte arrays prefixed with their int32 length):
 * <pre>
 *   "SPR-LEDGER-ENTRY/1" (ASCII, unprefixed) | int32 ledgerPartition | int64 sequence | int64 sourceOffset |
 *   key (UTF-8) | auditId (UTF-8) | int64 occurredAt (epoch ms) | event | previousHash
 * </pre>
 * entryHash = SHA-256(canonical); Merkle leaf hash = SHA-256(0x00 || canonical).
 */
public final class LedgerCanonicalForm {
    private static final byte[] TAG = "SPR-LEDGER-ENTRY/1".getBytes(StandardCharsets.US_ASCII);
    /** previousHash of the first entry of a partition. */
    public static final byte[] GENESIS_HASH = new byte[MerkleHashes.HASH_LENGTH];

    private LedgerCanonicalForm() {
    }

    public static byte[] bytes(LedgerEntry entry) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256 + entry.getEvent().remaining());
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.write(TAG);
            out.writeInt(entry.getLedgerPartition());
            out.writeLong(entry.getSequence());
            out.writeLong(entry.getSourceOffset());
            writeBytes(out, entry.getKey().getBytes(StandardCharsets.UTF_8));
            writeBytes(out, entry.getAuditId().getBytes(StandardCharsets.UTF_8));
            out.writeLong(entry.getOccurredAt().toEpochMilli());
            writeBytes(out, Bytes.of(entry.getEvent()));
            writeBytes(out, Bytes.of(entry.getPreviousHash()));
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory stream cannot fail", e);
        }
        return buffer.toByteArray();
    }

    /** SHA-256 of the canonical bytes: what entryHash must be. */
    public static byte[] entryHash(LedgerEntry entry) {
        return MerkleHashes.sha256(bytes(entry));
    }

    /** The entry's Merkle leaf hash. */
    public static byte[] leafHash(LedgerEntry entry) {
        return MerkleHashes.leafHash(bytes(entry));
    }

    static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }
}

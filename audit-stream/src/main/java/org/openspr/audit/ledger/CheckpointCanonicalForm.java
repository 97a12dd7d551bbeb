package org.openspr.audit.ledger;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.openspr.events.avro.LedgerCheckpoint;

/**
 * The bytes a checkpoint's signature covers: every field but the signature. Layout (big-endian, byte arrays and
 * strings prefixed with their int32 length):
 * <pre>
 *   "SPR-LEDGER-CHECKPOINT/1" | int32 ledgerPartition | int64 treeSize | rootHash | lastEntryHash |
 *   int64 previousTreeSize | previousRootHash | int64 createdAt | keyId (UTF-8) | algorithm (UTF-8)
 * </pre>
 */
public final class CheckpointCanonicalForm {
    private static final byte[] TAG = "SPR-LEDGER-CHECKPOINT/1".getBytes(StandardCharsets.US_ASCII);

    private CheckpointCanonicalForm() {
    }

    public static byte[] bytes(LedgerCheckpoint checkpoint) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.write(TAG);
            out.writeInt(checkpoint.getLedgerPartition());
            out.writeLong(checkpoint.getTreeSize());
            LedgerCanonicalForm.writeBytes(out, Bytes.of(checkpoint.getRootHash()));
            LedgerCanonicalForm.writeBytes(out, Bytes.of(checkpoint.getLastEntryHash()));
            out.writeLong(checkpoint.getPreviousTreeSize());
            LedgerCanonicalForm.writeBytes(out, Bytes.of(checkpoint.getPreviousRootHash()));
            out.writeLong(checkpoint.getCreatedAt().toEpochMilli());
            LedgerCanonicalForm.writeBytes(out, checkpoint.getKeyId().getBytes(StandardCharsets.UTF_8));
            LedgerCanonicalForm.writeBytes(out, checkpoint.getAlgorithm().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory stream cannot fail", e);
        }
        return buffer.toByteArray();
    }
}

package org.openspr.audit.ledger;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import org.openspr.events.avro.LedgerCheckpoint;

/** Builds and signs a partition's checkpoint with the ledger's private key. */
public final class CheckpointSigner {
    private final KeyPair keyPair;
    private final String keyId;

    public CheckpointSigner(KeyPair keyPair) {
        this.keyPair = keyPair;
        this.keyId = SigningKeys.keyId(keyPair.getPublic());
    }

    public LedgerCheckpoint sign(int partition, long treeSize, byte[] rootHash, byte[] lastEntryHash, long previousTreeSize,
            byte[] previousRootHash, Instant createdAt) {
        LedgerCheckpoint checkpoint = LedgerCheckpoint.newBuilder()
                .setLedgerPartition(partition)
                .setTreeSize(treeSize)
                .setRootHash(ByteBuffer.wrap(rootHash))
                .setLastEntryHash(ByteBuffer.wrap(lastEntryHash))
                .setPreviousTreeSize(previousTreeSize)
                .setPreviousRootHash(ByteBuffer.wrap(previousRootHash))
                .setCreatedAt(createdAt)
                .setKeyId(keyId)
                .setAlgorithm(SigningKeys.ALGORITHM)
                .setSignature(ByteBuffer.allocate(0))
                .build();
        try {
            Signature signature = Signature.getInstance(SigningKeys.ALGORITHM);
            signature.initSign(keyPair.getPrivate());
            signature.update(CheckpointCanonicalForm.bytes(checkpoint));
            checkpoint.setSignature(ByteBuffer.wrap(signature.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed: " + e.getMessage(), e);
        }
        return checkpoint;
    }

    public String keyId() {
        return keyId;
    }
}

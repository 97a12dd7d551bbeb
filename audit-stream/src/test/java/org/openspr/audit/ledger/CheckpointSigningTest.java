package org.openspr.audit.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openspr.audit.merkle.MerkleHashes;
import org.openspr.events.avro.LedgerCheckpoint;
import org.openspr.events.errors.SprException;

class CheckpointSigningTest {
    @TempDir
    Path dir;

    @Test
    void shouldVerifyWithThePublicKeyAloneAndFailWithAnotherKey() {
        KeyPair keys = SigningKeys.generate();
        LedgerCheckpoint checkpoint = sign(keys);

        assertThat(new CheckpointSignatures(keys.getPublic()).verify(checkpoint)).isTrue();
        assertThat(new CheckpointSignatures(SigningKeys.generate().getPublic()).verify(checkpoint)).isFalse();
    }

    @Test
    void shouldFailWhenAnySignedFieldChanges() {
        KeyPair keys = SigningKeys.generate();
        CheckpointSignatures signatures = new CheckpointSignatures(keys.getPublic());

        LedgerCheckpoint grown = sign(keys);
        grown.setTreeSize(grown.getTreeSize() + 1);
        LedgerCheckpoint rerooted = sign(keys);
        rerooted.setRootHash(ByteBuffer.wrap(MerkleHashes.sha256("other".getBytes())));
        LedgerCheckpoint rechained = sign(keys);
        rechained.setPreviousTreeSize(0);

        assertThat(signatures.verify(grown)).isFalse();
        assertThat(signatures.verify(rerooted)).isFalse();
        assertThat(signatures.verify(rechained)).isFalse();
    }

    @Test
    void shouldGenerateAKeyFileOnceAndReadTheSameKeysBack() throws IOException {
        Path keyFile = dir.resolve("keys").resolve("audit-signing.pem");

        KeyPair generated = SigningKeys.readOrGenerate(keyFile);
        KeyPair read = SigningKeys.readOrGenerate(keyFile);

        assertThat(read.getPrivate().getEncoded()).isEqualTo(generated.getPrivate().getEncoded());
        assertThat(SigningKeys.readPublicKey(SigningKeys.publicKeyFileFor(keyFile)).getEncoded())
                .isEqualTo(generated.getPublic().getEncoded());
        assertThat(Files.readString(SigningKeys.publicKeyFileFor(keyFile))).doesNotContain("PRIVATE");
        assertThat(new CheckpointSignatures(SigningKeys.readPublicKey(SigningKeys.publicKeyFileFor(keyFile))).verify(sign(read))).isTrue();
    }

    @Test
    void shouldRejectAKeyFileWithoutItsPublicPart() throws IOException {
        Path keyFile = dir.resolve("private-only.pem");
        Files.writeString(keyFile, SigningKeys.toPem(SigningKeys.generate().getPrivate()));

        assertThatThrownBy(() -> SigningKeys.readKeyPair(keyFile)).isInstanceOf(SprException.class)
                .hasMessageStartingWith("SPR-5002");
    }

    private static LedgerCheckpoint sign(KeyPair keys) {
        return new CheckpointSigner(keys).sign(2, 40, MerkleHashes.sha256("root".getBytes()), MerkleHashes.sha256("last".getBytes()),
                20, MerkleHashes.sha256("previous".getBytes()), Instant.parse("2026-03-02T09:00:00Z"));
    }
}

package org.openspr.audit.ledger;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import org.openspr.events.avro.LedgerCheckpoint;

/** Checks a checkpoint's signature with nothing but the ledger's public key. */
public final class CheckpointSignatures {
    private final PublicKey publicKey;
    private final String keyId;

    public CheckpointSignatures(PublicKey publicKey) {
        this.publicKey = publicKey;
        this.keyId = SigningKeys.keyId(publicKey);
    }

    public boolean verify(LedgerCheckpoint checkpoint) {
        if (!keyId.equals(checkpoint.getKeyId()) || !SigningKeys.ALGORITHM.equals(checkpoint.getAlgorithm())) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance(SigningKeys.ALGORITHM);
            signature.initVerify(publicKey);
            signature.update(CheckpointCanonicalForm.bytes(checkpoint));
            return signature.verify(Bytes.of(checkpoint.getSignature()));
        } catch (GeneralSecurityException e) {
            return false; // a malformed signature is a failed verification, not an error
        }
    }

    public String keyId() {
        return keyId;
    }
}

package org.openspr.audit.verify;

import java.security.MessageDigest;
import org.openspr.audit.ledger.Bytes;
import org.openspr.audit.ledger.LedgerCanonicalForm;
import org.openspr.audit.merkle.MerkleHashes;
import org.openspr.events.avro.LedgerEntry;

/** A decoded ledger entry with its location and the hashes recomputed from its content. */
record DecodedEntry(long offset, LedgerEntry entry, byte[] claimedHash, byte[] computedHash, byte[] leafHash, byte[] previousHash) {

    static DecodedEntry of(long offset, LedgerEntry entry) {
        byte[] canonical = LedgerCanonicalForm.bytes(entry);
        return new DecodedEntry(offset, entry, Bytes.of(entry.getEntryHash()), MerkleHashes.sha256(canonical),
                MerkleHashes.leafHash(canonical), Bytes.of(entry.getPreviousHash()));
    }

    long sequence() {
        return entry.getSequence();
    }

    boolean selfConsistent() {
        return MessageDigest.isEqual(claimedHash, computedHash);
    }

    boolean linksTo(byte[] hash) {
        return MessageDigest.isEqual(previousHash, hash);
    }
}

package org.openspr.audit.verify;

/** One record as read from the ledger or checkpoint topic: where it is and its raw value bytes (decoded by the verifier). */
public record LedgerRecord(int partition, long offset, byte[] value) {
}

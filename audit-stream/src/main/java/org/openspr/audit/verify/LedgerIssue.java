package org.openspr.audit.verify;

import org.openspr.audit.AuditErrorCode;

/**
 * One finding of the verifier, located: ledger partition, topic offset (of the entry, or of the checkpoint for
 * checkpoint findings; -1 if unknown) and sequence (-1 if unknown). The message starts with its SPR code.
 */
public record LedgerIssue(AuditErrorCode code, int partition, long offset, long sequence, String message) {
    static LedgerIssue of(AuditErrorCode code, int partition, long offset, long sequence, Object... args) {
        return new LedgerIssue(code, partition, offset, sequence, code.format(args));
    }
}

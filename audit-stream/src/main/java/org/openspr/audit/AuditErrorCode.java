package org.openspr.audit;

import org.openspr.events.errors.ErrorCode;

/** Error codes of the audit stream: ledger, verification, projections (5000-5999). Never renumber. */
public enum AuditErrorCode implements ErrorCode {
    // 5000-5099: signing keys and ledger app
    SIGNING_KEY_UNREADABLE(5001, "Audit signing key %s could not be read: %s"),
    SIGNING_KEY_MISSING_PART(5002, "Audit signing key file %s has no %s block (it needs both PRIVATE KEY and PUBLIC KEY)"),
    LEDGER_APP_NOT_RUNNING(5003, "%s did not reach RUNNING within %s (state %s)"),
    LEDGER_STATE_CORRUPT(5004, "Ledger state of partition %d could not be decoded: %s"),

    // 5100-5199: verification findings (each names where)
    ENTRY_ALTERED(5101, "Ledger partition %d offset %d (sequence %d): entry was altered: its content does not hash to its entryHash"),
    ENTRY_REMOVED(5102, "Ledger partition %d before offset %d: %d entr%s removed: sequence %d follows %d"),
    ENTRY_INSERTED(5103, "Ledger partition %d offset %d (sequence %d): entry was inserted: it is not part of the chain (the next entry links to the one before it)"),
    CHAIN_BROKEN(5104, "Ledger partition %d offset %d (sequence %d): previousHash does not match the entry before it"),
    ENTRY_UNDECODABLE(5105, "Ledger partition %d offset %d: not a ledger entry (%s)"),
    ENTRY_WRONG_PARTITION(5106, "Ledger partition %d offset %d (sequence %d): entry claims partition %d"),
    ENTRY_OUT_OF_ORDER(5107, "Ledger partition %d offset %d: sequence %d appears after %d: entries reordered or duplicated"),
    CHECKPOINT_BAD_SIGNATURE(5110, "Checkpoint of ledger partition %d at tree size %d (checkpoint offset %d): signature does not verify with key %s"),
    CHECKPOINT_ROOT_MISMATCH(5111, "Checkpoint of ledger partition %d at tree size %d: entries %d..%d do not give the signed root hash: an entry in that range was altered, removed or inserted"),
    CHECKPOINT_BEYOND_LEDGER(5112, "Checkpoint of ledger partition %d at tree size %d, but the ledger holds only %d entries: entries from sequence %d on were removed"),
    CHECKPOINT_CHAIN_BROKEN(5113, "Checkpoint of ledger partition %d at tree size %d names previous tree size %d, the checkpoint before it has %d: a checkpoint was removed or forged"),
    CHECKPOINT_INCONSISTENT(5114, "Checkpoint of ledger partition %d at tree size %d is not a consistent extension of tree size %d (RFC 6962 consistency proof fails)"),
    CHECKPOINT_UNDECODABLE(5115, "Checkpoint topic partition %d offset %d: not a checkpoint (%s)"),
    CHECKPOINT_LAST_ENTRY_MISMATCH(5116, "Checkpoint of ledger partition %d at tree size %d names a last entry hash that is not the hash of sequence %d"),
    INCLUSION_NO_SUCH_ENTRY(5120, "No ledger entry with auditId %s"),
    INCLUSION_NOT_COVERED(5121, "Ledger partition %d sequence %d is not covered by a checkpoint yet (latest tree size %d)"),
    LEDGER_READ_FAILED(5130, "Could not read %s from Kafka at %s: %s"),

    // 5200-5299: projections and reader API
    STORE_NOT_READY(5201, "Audit store %s is not queryable yet (%s): retry shortly"),
    BAD_TIME_RANGE(5202, "Time range from %s to %s is empty or reversed"),
    BAD_CURSOR(5203, "Cursor %s is not a position in the access log of %s");

    private final int number;
    private final String template;

    AuditErrorCode(int number, String template) {
        this.number = number;
        this.template = template;
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public String template() {
        return template;
    }
}

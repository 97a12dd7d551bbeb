package org.openspr.audit.verify;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.openspr.audit.AuditErrorCode;
import org.openspr.audit.ledger.LedgerCanonicalForm;
import org.openspr.events.avro.LedgerEntry;

/**
 * Walks one partition's entries in offset order and checks the hash chain: each entry hashes to its entryHash,
 * has the next sequence number and names the previous entry's hash. Findings are located and classified
 * (altered, removed, inserted, broken). The accepted entries, in sequence order, are kept for the Merkle checks.
 */
final class ChainVerifier {
    private final int partition;
    private final Deserializer<LedgerEntry> deserializer;
    private final String topic;
    final List<LedgerIssue> issues = new ArrayList<>();
    /** Accepted entries in sequence order; index = sequence until the first gap. */
    final List<DecodedEntry> accepted = new ArrayList<>();
    /** Sequence of the first gap (entries removed), or -1: Merkle roots beyond it cannot be recomputed. */
    long firstGap = -1;

    ChainVerifier(int partition, String topic, Deserializer<LedgerEntry> deserializer) {
        this.partition = partition;
        this.topic = topic;
        this.deserializer = deserializer;
    }

    void verify(List<LedgerRecord> records, ProgressListener progress) {
        List<DecodedEntry> decoded = decode(records);
        for (int i = 0; i < decoded.size(); i++) {
            check(decoded.get(i), i + 1 < decoded.size() ? decoded.get(i + 1) : null);
            if ((i + 1) % 10_000 == 0) {
                progress.onProgress(partition, i + 1, records.size());
            }
        }
        progress.onProgress(partition, records.size(), records.size());
    }

    private List<DecodedEntry> decode(List<LedgerRecord> records) {
        List<DecodedEntry> decoded = new ArrayList<>(records.size());
        for (LedgerRecord record : records) {
            try {
                LedgerEntry entry = deserializer.deserialize(topic, record.value());
                if (entry == null) {
                    throw new IllegalArgumentException("null value");
                }
                if (entry.getLedgerPartition() != partition) {
                    issues.add(LedgerIssue.of(AuditErrorCode.ENTRY_WRONG_PARTITION, partition, record.offset(), entry.getSequence(),
                            partition, record.offset(), entry.getSequence(), entry.getLedgerPartition()));
                    continue;
                }
                decoded.add(DecodedEntry.of(record.offset(), entry));
            } catch (RuntimeException e) {
                issues.add(LedgerIssue.of(AuditErrorCode.ENTRY_UNDECODABLE, partition, record.offset(), -1,
                        partition, record.offset(), e.getMessage()));
            }
        }
        return decoded;
    }

    private void check(DecodedEntry entry, DecodedEntry next) {
        DecodedEntry head = accepted.isEmpty() ? null : accepted.get(accepted.size() - 1);
        long expected = head == null ? 0 : head.sequence() + 1;
        byte[] headHash = head == null ? LedgerCanonicalForm.GENESIS_HASH : head.claimedHash();
        if (!entry.selfConsistent()) {
            issue(AuditErrorCode.ENTRY_ALTERED, entry, partition, entry.offset(), entry.sequence());
        }
        if (entry.sequence() == expected) {
            if (!entry.linksTo(headHash)) {
                if (next != null && next.sequence() == entry.sequence() && next.linksTo(headHash)) {
                    // The entry after this one takes its slot and links where this one should: this one was slipped in.
                    issue(AuditErrorCode.ENTRY_INSERTED, entry, partition, entry.offset(), entry.sequence());
                    return;
                }
                if (entry.selfConsistent()) {
                    issue(AuditErrorCode.CHAIN_BROKEN, entry, partition, entry.offset(), entry.sequence());
                }
            }
            accepted.add(entry);
        } else if (entry.sequence() > expected) {
            long missing = entry.sequence() - expected;
            issue(AuditErrorCode.ENTRY_REMOVED, entry, partition, entry.offset(), missing, missing == 1 ? "y was" : "ies were",
                    entry.sequence(), expected - 1);
            if (firstGap < 0) {
                firstGap = expected;
            }
            accepted.add(entry);
        } else if (head != null && entry.sequence() == head.sequence() && entry.linksTo(head.previousHash())
                && next != null && next.sequence() == entry.sequence() + 1 && next.linksTo(entry.claimedHash())) {
            // Two entries claim the head's slot; the chain continues from this one, so the earlier one was inserted.
            issue(AuditErrorCode.ENTRY_INSERTED, head, partition, head.offset(), head.sequence());
            accepted.set(accepted.size() - 1, entry);
        } else {
            issue(AuditErrorCode.ENTRY_OUT_OF_ORDER, entry, partition, entry.offset(), entry.sequence(), expected - 1);
        }
    }

    private void issue(AuditErrorCode code, DecodedEntry entry, Object... args) {
        issues.add(LedgerIssue.of(code, partition, entry.offset(), entry.sequence(), args));
    }
}

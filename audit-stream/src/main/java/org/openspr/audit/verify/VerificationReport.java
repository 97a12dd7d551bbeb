package org.openspr.audit.verify;

import java.util.List;
import java.util.Optional;

/** Result of verifying the ledger: pass/fail, every located issue (in partition and offset order), counts per partition. */
public record VerificationReport(List<LedgerIssue> issues, List<PartitionSummary> partitions) {

    public boolean passed() {
        return issues.isEmpty();
    }

    public Optional<LedgerIssue> firstIssue() {
        return issues.stream().findFirst();
    }

    public long entriesChecked() {
        return partitions.stream().mapToLong(PartitionSummary::entries).sum();
    }

    public long checkpointsChecked() {
        return partitions.stream().mapToLong(PartitionSummary::checkpoints).sum();
    }

    /** One line per issue, then a summary line: what {@code spr verify audit} prints. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        issues.forEach(issue -> out.append(issue.message()).append('\n'));
        out.append(passed() ? "PASS" : "FAIL").append(": ").append(entriesChecked()).append(" entries, ")
                .append(checkpointsChecked()).append(" checkpoints in ").append(partitions.size()).append(" partitions, ")
                .append(issues.size()).append(" issues");
        return out.toString();
    }
}

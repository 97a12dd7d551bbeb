package org.openspr.cli.audit;

import java.util.concurrent.Callable;
import org.openspr.audit.verify.LedgerSnapshot;
import org.openspr.audit.verify.VerificationReport;
import org.openspr.cli.KafkaOptions;
import org.openspr.cli.ProgressBar;
import org.openspr.events.topics.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code spr verify audit}: full verification of the audit ledger with nothing but its public key: hash chains,
 * sequence numbers, signed checkpoints and the consistency of each checkpoint with the one before. Exit 0 on pass,
 * 1 on the first problem, which is named with its partition and offset.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Verify the audit ledger: no entry altered, removed, reordered or inserted; checkpoints signed and consistent.")
public final class VerifyAuditCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    LedgerKeyOptions key;

    @Override
    public Integer call() {
        Topics topics = Topics.create(kafka.registry());
        LedgerCheck check = new LedgerCheck(kafka, key, topics);
        LedgerSnapshot snapshot = check.snapshot();
        VerificationReport report;
        try (ProgressBar bar = new ProgressBar(System.out, "verify", snapshot.entryCount(), "entries")) {
            long[] seen = new long[snapshot.partitions().stream().mapToInt(Integer::intValue).max().orElse(0) + 1];
            report = check.verify((partition, checked, total) -> {
                bar.step(checked - seen[partition]);
                seen[partition] = checked;
            });
        }
        System.out.println(report.describe());
        System.out.println(report.passed()
                ? "PASS: " + report.entriesChecked() + " entries and " + report.checkpointsChecked() + " checkpoints verified"
                : "FAIL: " + report.firstIssue().map(Object::toString).orElse("") );
        return report.passed() ? 0 : 1;
    }
}

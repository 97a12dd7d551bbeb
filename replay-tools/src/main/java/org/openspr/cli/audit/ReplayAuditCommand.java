package org.openspr.cli.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.openspr.audit.fhir.BalpAuditEventRenderer;
import org.openspr.audit.replay.AuditReplay;
import org.openspr.audit.replay.AuditReplayFilter;
import org.openspr.audit.verify.VerificationReport;
import org.openspr.cli.KafkaOptions;
import org.openspr.events.avro.RecordAccessed;
import org.openspr.events.nhs.NhsNumber;
import org.openspr.events.topics.Topics;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spr replay audit}: every access to one patient's record, or by one user, over a time window, read from the
 * verified ledger (not from a projection that could have drifted), as a table or as FHIR AuditEvent NDJSON.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Replay the audit ledger for a patient or a user over a time window, after verifying it.")
public final class ReplayAuditCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    LedgerKeyOptions key;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Who who;

    static final class Who {
        @Option(names = "--patient", description = "NHS number of the patient whose record was accessed.")
        String patient;

        @Option(names = "--user", description = "User id of the person who accessed records.")
        String user;
    }

    @Option(names = "--from", defaultValue = "1970-01-01T00:00:00Z", description = "Start (inclusive), ISO-8601 instant. Default: the beginning")
    Instant from;

    @Option(names = "--to", defaultValue = "9999-12-31T23:59:59Z", description = "End (exclusive), ISO-8601 instant. Default: no end")
    Instant to;

    @Option(names = "--format", defaultValue = "table", description = "table or fhir (FHIR R4 AuditEvent NDJSON, IHE BALP). Default: ${DEFAULT-VALUE}")
    String format;

    @Option(names = "--no-verify", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Verify the ledger before replaying (default); --no-verify skips it.")
    boolean verify;

    @Override
    public Integer call() {
        Topics topics = Topics.create(kafka.registry());
        if (verify) {
            VerificationReport report = new LedgerCheck(kafka, key, topics).verify((p, c, t) -> { });
            if (!report.passed()) {
                System.err.println("spr replay audit: the ledger failed verification, refusing to replay: "
                        + report.firstIssue().map(Object::toString).orElse(""));
                return 1;
            }
        }
        AuditReplayFilter filter = who.patient != null
                ? AuditReplayFilter.patient(NhsNumber.requireValid(who.patient), from, to)
                : AuditReplayFilter.user(who.user, from, to);
        List<RecordAccessed> accesses = new AuditReplay(kafka.clientProperties(), topics, Duration.ofSeconds(60)).replay(filter);
        if (format.equals("fhir")) {
            BalpAuditEventRenderer renderer = new BalpAuditEventRenderer();
            accesses.forEach(event -> System.out.println(renderer.toNdjsonLine(event)));
            return 0;
        }
        if (!format.equals("table")) {
            throw new IllegalArgumentException("--format must be table or fhir, not " + format);
        }
        System.out.printf("%-24s %-14s %-6s %-7s %-10s %-11s %-24s %-9s %s%n", "when", "user", "role", "org", "patient",
                "action", "basis", "outcome", "sections / reason");
        for (RecordAccessed e : accesses) {
            System.out.printf("%-24s %-14s %-6s %-7s %-10s %-11s %-24s %-9s %s%n", e.getOccurredAt(), e.getActor().getUserId(),
                    nz(e.getActor().getRoleCode()), nz(e.getActor().getOdsCode()), nz(e.getPatientNhsNumber()), e.getAction(),
                    e.getBasis() + (e.getBreakGlassReason() != null ? "(" + e.getBreakGlassReason() + ")" : ""), e.getOutcome(),
                    e.getOutcomeReason() != null ? e.getOutcomeReason() : String.join(",", e.getSections()) + " [" + e.getItemCount() + " items]");
        }
        System.out.printf("%d access(es)%n", accesses.size());
        return 0;
    }

    private static String nz(String value) {
        return value == null ? "-" : value;
    }
}

package org.openspr.cli.rebuild;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.openspr.cli.CliErrorCode;
import org.openspr.cli.KafkaOptions;
import org.openspr.events.errors.SprException;
import org.openspr.events.topics.Topics;
import org.openspr.projector.app.ProjectionControl;
import org.openspr.projector.app.ProjectorConfig;
import org.openspr.projector.app.ProjectorGroupLag;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spr rebuild}: rebuilds the record projection from the log under a fresh application id (in this process,
 * against any cluster), verifies it store by store against the live projection, and switches readers to it through the
 * projection control topic: each serving instance starts the new projection beside the old one, restores it from the
 * rebuilt changelogs and moves readers over once it runs, so reads never stop. The old projection's topics are kept,
 * so {@code --switch-to OLD_ID} rolls back.
 */
@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = {"Rebuild the record projection from the log into a new application id, verify it against the live one "
                + "item by item, and switch readers over without downtime.",
                "Exit codes: 0 rebuilt (and switched unless --no-switch), 1 failed or views differ (nothing switched), 2 usage."})
public final class RebuildCommand implements Callable<Integer> {
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("'r'yyyyMMddHHmmss");

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--application-id", description = "Application id to rebuild into. Default: "
            + ProjectorConfig.DEFAULT_APPLICATION_ID + "-r<UTC timestamp>")
    String applicationId;

    @Option(names = "--dry-run", description = "Report what would be rebuilt, compared and switched; change nothing.")
    boolean dryRun;

    @Option(names = "--no-switch", description = "Rebuild and verify, but leave readers on the live projection.")
    boolean noSwitch;

    @Option(names = "--switch-to", paramLabel = "APPLICATION_ID",
            description = "Only switch readers to an existing projection (e.g. back to the previous one); no rebuild.")
    String switchTo;

    @Option(names = "--threads", defaultValue = "2", description = "Stream threads for the rebuild. Default: ${DEFAULT-VALUE}")
    int threads;

    @Option(names = "--state-dir", description = "Where the rebuild keeps its RocksDB state while it runs. Default: a temporary "
            + "directory, deleted afterwards (the rebuilt state lives on in its changelog topics).")
    Path stateDir;

    @Option(names = "--timeout", defaultValue = "PT2H", description = "Give up if the rebuild has not caught up by then. Default: ${DEFAULT-VALUE}")
    Duration timeout;

    @Option(names = "--verify-attempts", defaultValue = "10",
            description = "Comparisons before a difference counts (in-flight events settle between them). Default: ${DEFAULT-VALUE}")
    int verifyAttempts;

    @Option(names = "--switch-timeout", defaultValue = "PT10M",
            description = "How long to wait for running instances to move to the rebuilt projection. Default: ${DEFAULT-VALUE}")
    Duration switchTimeout;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        ProjectionControl control = new ProjectionControl(kafka.clientProperties());
        try (Admin admin = kafka.admin()) {
            ProjectorGroupLag groups = new ProjectorGroupLag(admin);
            String live = control.activeApplicationId(ProjectorConfig.DEFAULT_APPLICATION_ID, Duration.ofSeconds(30));
            if (switchTo != null) {
                return switchOnly(out, control, groups, live, switchTo);
            }
            String target = applicationId != null ? applicationId
                    : ProjectorConfig.DEFAULT_APPLICATION_ID + "-" + ZonedDateTime.now(ZoneOffset.UTC).format(SUFFIX);
            if (target.equals(live)) {
                throw new SprException(CliErrorCode.REBUILD_SAME_AS_LIVE, target);
            }
            if (groups.hasState(target)) {
                throw new SprException(CliErrorCode.REBUILD_TARGET_EXISTS, target);
            }
            ProjectorGroupLag.Position livePosition = groups.of(live);
            int liveMembers = groups.members(live);
            out.printf("live projection:    %s (%d running instance(s), %d of %d input records read, lag %d)%n", live, liveMembers,
                    livePosition.inputRead(), livePosition.inputTotal(), livePosition.lag());
            out.printf("rebuild into:       %s (%d thread(s))%n", target, threads);
            out.printf("replay:             %d records on %s and %s, from the beginning%n", livePosition.inputTotal(),
                    Topics.CLINICAL_EVENTS.name(), Topics.IDENTITY_EVENTS.name());
            out.printf("verify:             stores %s, item by item, against %s%n", String.join(", ", ViewVerification.COMPARED_STORES), live);
            out.printf("then:               %s%n", noSwitch ? "leave readers on " + live
                    : "switch readers to " + target + " (" + Topics.PROJECTION_CONTROL.name() + ")");
            if (dryRun) {
                out.println("dry run: nothing changed");
                return 0;
            }
            ProjectionRebuild.Outcome outcome = new ProjectionRebuild(kafka, groups, out).run(live, target, threads,
                    stateDir == null ? null : stateDir, timeout, verifyAttempts);
            out.printf("rebuilt %s: %d input records in %.1f s (%.0f records/s; %.0f records/s after start-up); "
                            + "%d entries verified identical to %s%n", target, outcome.records(), outcome.seconds(),
                    outcome.recordsPerSecond(), outcome.processingRecordsPerSecond(), outcome.verified(), live);
            if (noSwitch) {
                out.printf("not switched (--no-switch); switch later with: spr rebuild --switch-to %s%n", target);
                return 0;
            }
            switchReaders(out, control, groups, live, target, liveMembers);
            return 0;
        }
    }

    private Integer switchOnly(PrintStream out, ProjectionControl control, ProjectorGroupLag groups, String live, String target)
            throws Exception {
        if (target.equals(live)) {
            out.printf("%s already serves reads; nothing to do%n", target);
            return 0;
        }
        if (!groups.hasState(target)) {
            throw new SprException(CliErrorCode.SWITCH_TARGET_UNKNOWN, target);
        }
        out.printf("switch readers:     %s -> %s%n", live, target);
        if (dryRun) {
            out.println("dry run: nothing changed");
            return 0;
        }
        switchReaders(out, control, groups, live, target, groups.members(live));
        return 0;
    }

    private void switchReaders(PrintStream out, ProjectionControl control, ProjectorGroupLag groups, String live, String target,
                               int liveMembers) throws Exception {
        control.switchTo(target);
        out.printf("switch written to %s: readers move from %s to %s%n", Topics.PROJECTION_CONTROL.name(), live, target);
        if (liveMembers == 0) {
            out.printf("no instance is serving %s now; instances serve %s from their next start%n", live, target);
            return;
        }
        long deadline = System.nanoTime() + switchTimeout.toNanos();
        while (true) {
            int oldMembers = groups.members(live);
            int newMembers = groups.members(target);
            if (oldMembers == 0 && newMembers > 0) {
                out.printf("switched: %d instance(s) now serve %s; %s has no members (its topics are kept: "
                        + "spr rebuild --switch-to %s rolls back)%n", newMembers, target, live, live);
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new SprException(CliErrorCode.SWITCH_NOT_CONFIRMED, target, switchTimeout, live, oldMembers, target, newMembers);
            }
            Thread.sleep(500);
        }
    }
}

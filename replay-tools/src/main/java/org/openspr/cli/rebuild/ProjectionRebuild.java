package org.openspr.cli.rebuild;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.openspr.cli.CliErrorCode;
import org.openspr.cli.KafkaOptions;
import org.openspr.cli.ProgressBar;
import org.openspr.embedded.DataDirectories;
import org.openspr.events.errors.SprException;
import org.openspr.events.topics.Topics;
import org.openspr.projector.app.ProjectorConfig;
import org.openspr.projector.app.ProjectorGroupLag;
import org.openspr.projector.app.RecordProjectorApp;

/**
 * Runs the record projector under a fresh application id until it has processed everything on the log (input and
 * repartition topics, committed), showing progress, then compares it with the live projection until they agree.
 */
public final class ProjectionRebuild {
    /** Caught up = no lag anywhere, seen on this many checks in a row (derived identity links feed back in). */
    private static final int QUIET_CHECKS = 3;
    private static final Set<String> INPUT_TOPICS = Set.of(Topics.CLINICAL_EVENTS.name(), Topics.IDENTITY_EVENTS.name());

    /**
     * Input records the rebuild read; seconds from start to caught up; seconds from the first committed progress to
     * caught up (without Streams start-up and group join); entries verified identical.
     */
    public record Outcome(long records, double seconds, double processingSeconds, int verified) {
        public double recordsPerSecond() {
            return records / Math.max(seconds, 1e-9);
        }

        public double processingRecordsPerSecond() {
            return records / Math.max(processingSeconds, 1e-9);
        }
    }

    private final KafkaOptions kafka;
    private final ProjectorGroupLag groups;
    private final PrintStream out;

    public ProjectionRebuild(KafkaOptions kafka, ProjectorGroupLag groups, PrintStream out) {
        this.kafka = kafka;
        this.groups = groups;
        this.out = out;
    }

    public Outcome run(String live, String target, int threads, Path stateDir, Duration timeout, int verifyAttempts) throws Exception {
        Path root = stateDir != null ? stateDir : Files.createTempDirectory("spr-rebuild-");
        ProjectorConfig config = ProjectorConfig.local(kafka.bootstrapServers(), kafka.schemaRegistryUrl(), target, root)
                .withStreamThreads(threads).withClientProperties(kafka.extraProperties());
        try (RecordProjectorApp app = new RecordProjectorApp(config)) {
            long started = System.nanoTime();
            app.start();
            long firstProgress = awaitCaughtUp(app, target, timeout, started);
            long caughtUp = System.nanoTime();
            long records = inputRecordsConsumed(app.streams());
            int verified = verify(live, target, verifyAttempts);
            return new Outcome(records, (caughtUp - started) / 1e9, (caughtUp - firstProgress) / 1e9, verified);
        } finally {
            if (stateDir == null) {
                DataDirectories.deleteRecursively(root);
            }
        }
    }

    /** Returns when the first progress was committed (System.nanoTime). */
    private long awaitCaughtUp(RecordProjectorApp app, String target, Duration timeout, long started) throws Exception {
        ProjectorGroupLag.Position position = groups.of(target);
        long deadline = started + timeout.toNanos();
        int quiet = 0;
        long firstProgress = started;
        try (ProgressBar progress = new ProgressBar(out, "rebuild", position.inputTotal(), "records")) {
            long shown = 0;
            while (quiet < QUIET_CHECKS) {
                KafkaStreams.State state = app.streams().state();
                if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                        || state == KafkaStreams.State.NOT_RUNNING) {
                    throw new SprException(CliErrorCode.REBUILD_FAILED, target, state);
                }
                if (System.nanoTime() > deadline) {
                    throw new SprException(CliErrorCode.REBUILD_TIMED_OUT, target, timeout, position.lag());
                }
                Thread.sleep(500);
                position = groups.of(target);
                long read = Math.min(position.inputRead(), Math.max(position.inputTotal(), shown));
                if (read > shown) {
                    if (shown == 0) {
                        firstProgress = System.nanoTime();
                    }
                    progress.step(read - shown);
                    shown = read;
                }
                boolean running = state == KafkaStreams.State.RUNNING;
                quiet = running && position.lag() == 0 && position.inputRead() >= position.inputTotal() ? quiet + 1 : 0;
            }
        }
        return firstProgress;
    }

    private int verify(String live, String target, int attempts) throws Exception {
        ViewVerification verification = new ViewVerification(kafka.clientProperties(), Duration.ofMinutes(10));
        ViewVerification.Result result = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            result = verification.compare(live, target);
            if (result.identical()) {
                for (ViewVerification.StoreResult store : result.stores()) {
                    out.printf("  %-32s %8d entries  identical%n", store.store(), store.rebuilt());
                }
                return result.entries();
            }
            out.printf("verify attempt %d/%d: %d entries differ (live %s lag %d); checking again%n", attempt, attempts,
                    result.differing(), live, groups.of(live).lag());
            Thread.sleep(3_000);
        }
        for (ViewVerification.StoreResult store : result.stores()) {
            out.printf("  %-32s live %8d  rebuilt %8d  differing %d %s%n", store.store(), store.live(), store.rebuilt(),
                    store.differing(), store.sample());
        }
        throw new SprException(CliErrorCode.REBUILD_MISMATCH, target, live, result.differing(), attempts, result.firstDifference());
    }

    /**
     * Records this Streams instance has read from the projector's input topics (clinical and identity events). The
     * consumer reports each topic under its name and, deprecated, with dots as underscores: count one form only.
     */
    public static long inputRecordsConsumed(KafkaStreams streams) {
        double dotted = 0;
        double underscored = 0;
        for (var entry : streams.metrics().entrySet()) {
            MetricName name = entry.getKey();
            String topic = name.tags().get("topic");
            if (topic == null || !name.group().equals("consumer-fetch-manager-metrics") || !name.name().equals("records-consumed-total")
                    || !(entry.getValue().metricValue() instanceof Number value)) {
                continue;
            }
            if (INPUT_TOPICS.contains(topic)) {
                dotted += value.doubleValue();
            } else if (INPUT_TOPICS.contains(topic.replace('_', '.'))) {
                underscored += value.doubleValue();
            }
        }
        return (long) Math.max(dotted, underscored);
    }
}

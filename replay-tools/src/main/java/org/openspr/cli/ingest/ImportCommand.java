package org.openspr.cli.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.openspr.cli.KafkaOptions;
import org.openspr.cli.ProgressBar;
import org.openspr.ingest.IngestRuntime;
import org.openspr.ingest.IngestSettings;
import org.openspr.ingest.bulk.BulkImportOptions;
import org.openspr.ingest.bulk.BulkImporter;
import org.openspr.ingest.bulk.ImportProgressListener;
import org.openspr.ingest.bulk.ImportSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spr import}: back-loads FHIR bundles, NDJSON and HL7 v2 files into a running platform through the same
 * mapping and transactional publishing as the live interfaces. Resumable: finished files are noted in a
 * checkpoint file, and event ids are deterministic, so re-running after a crash duplicates nothing.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import FHIR R4 bundles (.json), NDJSON (.ndjson) and HL7 v2 (.hl7) files or directories into the platform.")
public final class ImportCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Parameters(arity = "1..*", description = "Files or directories (searched recursively).")
    List<Path> paths;

    @Option(names = "--checkpoint", description = "File recording finished files, so a re-run skips them. Default: none (re-run re-sends, harmlessly).")
    Path checkpoint;

    @Option(names = "--assign-test-nhs-numbers",
            description = "Give patients without an NHS number a deterministic 999-range test number (test data such as Synthea only).")
    boolean assignTestNhsNumbers;

    @Option(names = "--max-in-flight", defaultValue = "64", description = "Messages awaiting commit at once. Default: ${DEFAULT-VALUE}")
    int maxInFlight;

    @Option(names = "--verbose", description = "Print every rejected message with its reason.")
    boolean verbose;

    @Override
    public Integer call() {
        IngestSettings settings = OneOffIngest.settings(kafka, "import")
                .withAssignTestNhsNumbers(assignTestNhsNumbers);
        BulkImportOptions options = new BulkImportOptions(checkpoint, maxInFlight);
        ImportSummary summary;
        try (IngestRuntime runtime = IngestRuntime.start(settings); Progress progress = new Progress(verbose)) {
            summary = new BulkImporter(runtime.pipeline(), options).run(paths, progress);
        }
        System.out.printf("import: %d file(s) (%d skipped as already imported), %d message(s)%n",
                summary.files(), summary.filesSkipped(), summary.messages());
        System.out.printf("import: %d item(s): %d recorded, %d not recorded (not record content), %d rejected with a reason%n",
                summary.items(), summary.recorded(), summary.notRecorded(), summary.rejected());
        System.out.printf("import: %d clinical event(s), %d identity event(s); %d message(s) rejected as a whole (see 'spr dlq show %s')%n",
                summary.clinicalEvents(), summary.identityEvents(), summary.messagesRejected(), "spr.inbound.raw.dlq");
        if (!summary.complete()) {
            System.out.printf("import: %d message(s) could NOT be stored in Kafka; run the same command again to finish%n", summary.messagesFailed());
            return 1;
        }
        return 0;
    }

    /** Draws the progress bar by bytes read and collects problems. */
    private static final class Progress implements ImportProgressListener, AutoCloseable {
        private final boolean verbose;
        private ProgressBar bar;
        private long drawnBytes;
        private int problems;

        Progress(boolean verbose) {
            this.verbose = verbose;
        }

        @Override
        public void started(int files, long totalBytes) {
            System.out.printf("import: %d file(s), %.1f MB%n", files, totalBytes / 1e6);
            bar = new ProgressBar(System.out, "import", totalBytes, "bytes");
        }

        @Override
        public void skipped(Path file) {
            if (verbose) {
                System.out.println("skipped (already imported): " + file);
            }
        }

        @Override
        public void progress(Path file, long bytesDone, long totalBytes, ImportSummary soFar) {
            if (bar != null) {
                bar.step(bytesDone - drawnBytes);
                drawnBytes = bytesDone;
            }
        }

        @Override
        public void problem(Path file, String messageId, String reason) {
            problems++;
            if (verbose || problems <= 10) {
                System.out.printf("%n%s %s: %s%n", file.getFileName(), messageId, reason);
            } else if (problems == 11) {
                System.out.println("\n(more problems: use --verbose to see all)");
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}

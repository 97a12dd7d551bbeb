package org.openspr.ingest.bulk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.openspr.events.errors.SprException;
import org.openspr.ingest.IngestErrorCode;
import org.openspr.ingest.map.ItemOutcome;
import org.openspr.ingest.map.MappedMessage;
import org.openspr.ingest.publish.IngestPipeline;

/**
 * Back-loads files (FHIR Bundles/resources as .json, NDJSON, HL7 v2 .hl7) through the same mapping and publishing path
 * as the live channels. Resumable: a file is added to the checkpoint once all its messages are committed, and event
 * ids are deterministic, so re-importing a half-done file repeats the same events rather than adding new ones.
 */
public final class BulkImporter {
    static final String CHANNEL = "bulk";
    private final IngestPipeline pipeline;
    private final BulkImportOptions options;

    public BulkImporter(IngestPipeline pipeline, BulkImportOptions options) {
        this.pipeline = pipeline;
        this.options = options;
    }

    public ImportSummary run(List<Path> paths, ImportProgressListener listener) {
        List<Path> files = ImportFiles.expand(paths);
        Set<String> done = readCheckpoint();
        long totalBytes = files.stream().mapToLong(BulkImporter::size).sum();
        listener.started(files.size(), totalBytes);
        Counters counters = new Counters();
        Semaphore inFlight = new Semaphore(options.maxInFlight());
        long bytesDone = 0;
        int imported = 0;
        int skipped = 0;
        for (Path file : files) {
            bytesDone += size(file);
            if (done.contains(key(file))) {
                skipped++;
                listener.skipped(file);
                continue;
            }
            List<CompletableFuture<Void>> commits = new ArrayList<>();
            for (byte[] message : ImportFiles.messages(file)) {
                inFlight.acquireUninterruptibly();
                IngestPipeline.Submitted submitted = ImportFiles.kind(file) == ImportFiles.Kind.HL7
                        ? pipeline.submitHl7(message, CHANNEL) : pipeline.submitFhir(message, CHANNEL);
                MappedMessage mapped = submitted.mapped();
                commits.add(submitted.committed().whenComplete((ok, error) -> {
                    inFlight.release();
                    counters.count(mapped, error);
                    if (error != null) {
                        listener.problem(file, mapped.context().messageId(), error.getMessage());
                    } else if (mapped.rejected()) {
                        listener.problem(file, mapped.context().messageId(), mapped.rejection().getMessage());
                    }
                }));
            }
            boolean allStored = CompletableFuture.allOf(commits.toArray(CompletableFuture[]::new))
                    .handle((ok, error) -> error == null).join();
            if (allStored) {
                checkpoint(file);
            }
            imported++;
            listener.progress(file, bytesDone, totalBytes, counters.summary(imported, skipped));
        }
        ImportSummary summary = counters.summary(imported, skipped);
        listener.finished(summary);
        return summary;
    }

    private Set<String> readCheckpoint() {
        Path file = options.checkpointFile();
        if (file == null || !Files.exists(file)) {
            return Set.of();
        }
        try {
            return new HashSet<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SprException(e, IngestErrorCode.BULK_UNREADABLE, file, e.getMessage());
        }
    }

    private void checkpoint(Path done) {
        Path file = options.checkpointFile();
        if (file == null) {
            return;
        }
        try {
            Files.writeString(file, key(done) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new SprException(e, IngestErrorCode.BULK_CHECKPOINT, file, e.getMessage());
        }
    }

    private static String key(Path file) {
        return file.toAbsolutePath().normalize().toString();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Totals updated from commit callbacks (producer threads), read by the import thread. */
    private static final class Counters {
        final AtomicLong messages = new AtomicLong();
        final AtomicLong messagesRejected = new AtomicLong();
        final AtomicLong messagesFailed = new AtomicLong();
        final AtomicLong recorded = new AtomicLong();
        final AtomicLong notRecorded = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final AtomicLong clinical = new AtomicLong();
        final AtomicLong identity = new AtomicLong();

        void count(MappedMessage m, Throwable error) {
            if (error != null) {
                messagesFailed.incrementAndGet();
                return;
            }
            messages.incrementAndGet();
            if (m.rejected()) {
                messagesRejected.incrementAndGet();
            }
            recorded.addAndGet(m.count(ItemOutcome.Status.RECORDED));
            notRecorded.addAndGet(m.count(ItemOutcome.Status.NOT_RECORDED));
            rejected.addAndGet(m.count(ItemOutcome.Status.REJECTED));
            clinical.addAndGet(m.clinicalEvents().size());
            identity.addAndGet(m.identityEvents().size());
        }

        ImportSummary summary(int files, int skipped) {
            return new ImportSummary(files, skipped, messages.get(), messagesRejected.get(), messagesFailed.get(), recorded.get(),
                    notRecorded.get(), rejected.get(), clinical.get(), identity.get());
        }
    }
}

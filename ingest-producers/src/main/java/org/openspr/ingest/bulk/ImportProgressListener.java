package org.openspr.ingest.bulk;

import java.nio.file.Path;

/** Hears about a bulk import as it runs, e.g. to draw a progress bar. All methods are called from the import thread. */
public interface ImportProgressListener {
    ImportProgressListener NONE = new ImportProgressListener() {
    };

    default void started(int files, long totalBytes) {
    }

    /** A file found in the checkpoint: already imported by an earlier run. */
    default void skipped(Path file) {
    }

    /** Called after each file is read and submitted; {@code soFar} counts only what is committed. */
    default void progress(Path file, long bytesDone, long totalBytes, ImportSummary soFar) {
    }

    /** A message that was rejected or could not be stored, with its reason (SPR code first). */
    default void problem(Path file, String messageId, String reason) {
    }

    default void finished(ImportSummary summary) {
    }
}

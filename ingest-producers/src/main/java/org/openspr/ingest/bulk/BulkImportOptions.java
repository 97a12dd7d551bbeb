package org.openspr.ingest.bulk;

import java.nio.file.Path;

/**
 * Options of a bulk import.
 *
 * @param checkpointFile file listing the files already imported (one absolute path per line); null for none. A re-run
 *                       without it is harmless too (event ids are deterministic), only slower.
 * @param maxInFlight    messages submitted but not yet committed; bounds memory while letting commits group
 */
public record BulkImportOptions(Path checkpointFile, int maxInFlight) {

    public static BulkImportOptions defaults() {
        return new BulkImportOptions(null, 256);
    }

    public BulkImportOptions withCheckpoint(Path file) {
        return new BulkImportOptions(file, maxInFlight);
    }
}

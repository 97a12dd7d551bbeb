package org.openspr.audit.verify;

/** Told how far a long verification has come, e.g. to draw a progress bar in {@code spr verify audit}. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (partition, checked, total) -> { };

    /** Called every few thousand entries and when a partition is done. */
    void onProgress(int partition, long entriesChecked, long entriesInPartition);
}

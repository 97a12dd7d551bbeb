package org.openspr.audit.verify;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The ledger and checkpoint topics as read at one moment, per partition in offset order. */
public record LedgerSnapshot(Map<Integer, List<LedgerRecord>> entries, Map<Integer, List<LedgerRecord>> checkpoints) {
    public Set<Integer> partitions() {
        Set<Integer> all = new TreeSet<>(entries.keySet());
        all.addAll(checkpoints.keySet());
        return all;
    }

    public long entryCount() {
        return entries.values().stream().mapToLong(List::size).sum();
    }
}

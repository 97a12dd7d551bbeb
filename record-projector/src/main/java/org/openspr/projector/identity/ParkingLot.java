package org.openspr.projector.identity;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.openspr.events.avro.ClinicalEvent;

/**
 * Events whose patient is not known yet, kept per local identifier in arrival order until a link names the patient.
 * Counts live in a store too, so the operator view and the metric survive restarts and rebalances.
 */
final class ParkingLot {
    // Unit separator: cannot occur in a local key, so one key's prefix never matches another key's entries.
    private static final char SEP = '\u001f';
    /** Entry in the counts store holding this task's total (sorts before every local key). */
    static final String TOTAL = "\u0000total";

    private final KeyValueStore<String, ClinicalEvent> parked;
    private final KeyValueStore<String, Long> counts;

    ParkingLot(KeyValueStore<String, ClinicalEvent> parked, KeyValueStore<String, Long> counts) {
        this.parked = parked;
        this.counts = counts;
    }

    boolean hasParked(String localKey) {
        return counts.get(localKey) != null;
    }

    void park(String localKey, ClinicalEvent event) {
        Long count = counts.get(localKey);
        long sequence = count == null ? 0 : count;
        parked.put(localKey + SEP + String.format("%019d", sequence), event);
        counts.put(localKey, sequence + 1);
        counts.put(TOTAL, total() + 1);
    }

    /** Removes and returns the local key's parked events in the order they arrived. */
    List<ClinicalEvent> release(String localKey) {
        Long count = counts.get(localKey);
        if (count == null) {
            return List.of();
        }
        List<ClinicalEvent> events = new ArrayList<>(count.intValue());
        List<String> keys = new ArrayList<>(count.intValue());
        try (KeyValueIterator<String, ClinicalEvent> it = parked.prefixScan(localKey + SEP, new StringSerializer())) {
            while (it.hasNext()) {
                KeyValue<String, ClinicalEvent> entry = it.next();
                keys.add(entry.key);
                events.add(entry.value);
            }
        }
        keys.forEach(parked::delete);
        counts.delete(localKey);
        counts.put(TOTAL, total() - count);
        return events;
    }

    long total() {
        Long total = counts.get(TOTAL);
        return total == null ? 0 : total;
    }
}

package org.openspr.projector.identity;

import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Operator view of parked events: how many wait per local identifier, and in total. */
public final class ParkedEventsView {
    private final ReadOnlyKeyValueStore<String, Long> counts;

    /** Over the {@link org.openspr.projector.record.RecordStores#PARKED_COUNTS} store. */
    public ParkedEventsView(ReadOnlyKeyValueStore<String, Long> counts) {
        this.counts = counts;
    }

    /** Local identifier key ({@code system|value}) to the number of its events waiting for an NHS number. */
    public Map<String, Long> byLocalIdentifier() {
        Map<String, Long> result = new TreeMap<>();
        try (KeyValueIterator<String, Long> it = counts.all()) {
            while (it.hasNext()) {
                KeyValue<String, Long> entry = it.next();
                if (!entry.key.equals(ParkingLot.TOTAL)) {
                    result.put(entry.key, entry.value);
                }
            }
        }
        return result;
    }

    public long total() {
        return byLocalIdentifier().values().stream().mapToLong(Long::longValue).sum();
    }
}

package org.openspr.cli.rebuild;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openspr.projector.record.RecordStores;

/**
 * Compares a rebuilt projection with the live one store by store, item by item, through their changelog topics. The
 * stores compared are the ones readers and routing depend on; the parked-event stores are not, because what waits for
 * an identity link depends on how the link and the event interleaved, and both empty once links arrive.
 */
final class ViewVerification {
    /** The stores whose contents must be identical after a rebuild. */
    static final List<String> COMPARED_STORES = List.of(RecordStores.RECORD_ITEMS, RecordStores.TIMELINE,
            RecordStores.UNAPPLIED_EVENTS, RecordStores.IDENTITY_LINKS);

    /** Per store: entries in the live and rebuilt view, and sample keys that differ. */
    record StoreResult(String store, int live, int rebuilt, int differing, List<String> sample) {
        boolean identical() {
            return differing == 0;
        }
    }

    record Result(List<StoreResult> stores) {
        boolean identical() {
            return stores.stream().allMatch(StoreResult::identical);
        }

        int differing() {
            return stores.stream().mapToInt(StoreResult::differing).sum();
        }

        int entries() {
            return stores.stream().mapToInt(StoreResult::rebuilt).sum();
        }

        String firstDifference() {
            return stores.stream().filter(s -> !s.identical()).findFirst()
                    .map(s -> s.store() + " key " + s.sample().get(0) + " (live has " + s.live() + " entries, rebuilt " + s.rebuilt() + ")")
                    .orElse("none");
        }
    }

    private final Map<String, Object> clientProperties;
    private final Duration readTimeout;

    ViewVerification(Map<String, Object> clientProperties, Duration readTimeout) {
        this.clientProperties = clientProperties;
        this.readTimeout = readTimeout;
    }

    Result compare(String liveApplicationId, String rebuiltApplicationId) {
        Map<String, StoreResult> results = new LinkedHashMap<>();
        for (String store : COMPARED_STORES) {
            ChangelogSnapshot live = ChangelogSnapshot.read(clientProperties, liveApplicationId, store, readTimeout);
            ChangelogSnapshot rebuilt = ChangelogSnapshot.read(clientProperties, rebuiltApplicationId, store, readTimeout);
            List<String> differing = live.differingKeys(rebuilt);
            results.put(store, new StoreResult(store, live.size(), rebuilt.size(), differing.size(),
                    List.copyOf(differing.subList(0, Math.min(5, differing.size())))));
        }
        return new Result(new ArrayList<>(results.values()));
    }
}

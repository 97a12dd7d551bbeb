package org.openspr.projector.record;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.openspr.events.avro.ChangeKind;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.Coding;
import org.openspr.events.avro.ItemSource;
import org.openspr.events.avro.RecordItem;
import org.openspr.events.avro.RecordSection;

/**
 * Folds one version into a record item. The result depends only on the set of versions applied, never on their
 * arrival order, which is what makes out-of-order delivery harmless and a rebuild from the log identical.
 */
public final class ItemMerger {
    private static final Comparator<ItemSource> BY_ITEM_ID = Comparator.comparing(ItemSource::getItemId);

    private ItemMerger() {
    }

    /** True if this exact event (same event id) is already part of the item: a re-sent message changes nothing. */
    public static boolean alreadyApplied(RecordItem item, ClinicalEvent event) {
        if (item == null) {
            return false;
        }
        for (ClinicalEvent version : item.getHistory()) {
            if (version.getEventId().equals(event.getEventId())) {
                return true;
            }
        }
        return false;
    }

    /** The item with this version added, under the given canonical id. */
    public static RecordItem add(RecordItem existing, String nhsNumber, RecordSection section, String canonicalId, ClinicalEvent event) {
        // Constructors, not builders: builders deep-copy defaults, and this runs for every event.
        RecordItem item = existing != null ? existing : new RecordItem(nhsNumber, section, canonicalId, null, false, false, null,
                new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        item.setNhsNumber(nhsNumber);
        item.setItemId(canonicalId);

        List<ClinicalEvent> history = new ArrayList<>(item.getHistory());
        int at = Collections.binarySearch(history, event, VersionOrder.OLDEST_FIRST);
        history.add(at < 0 ? -at - 1 : at, event);
        item.setHistory(history);

        List<ItemSource> sources = new ArrayList<>(item.getSources());
        int index = -1;
        for (int i = 0; i < sources.size() && index < 0; i++) {
            index = sources.get(i).getItemId().equals(event.getItemId()) ? i : -1;
        }
        if (index < 0) {
            sources.add(sourceOf(event));
            sources.sort(BY_ITEM_ID);
        } else if (VersionOrder.isNewer(event, sources.get(index).getLatest())) {
            sources.set(index, sourceOf(event));
        }
        item.setSources(sources);
        return recompute(item);
    }

    /** What a source says through its newest version (derived from the version alone). */
    static ItemSource sourceOf(ClinicalEvent event) {
        return new ItemSource(event.getItemId(), event.getSource().getOdsCode(), event.getSource().getSystem(),
                event.getRecordedAt(), event.getChange() == ChangeKind.ENTERED_IN_ERROR, event);
    }

    private static RecordItem recompute(RecordItem item) {
        // Loops, not streams: this runs for every event.
        ClinicalEvent current = null;
        String firstStatus = null;
        boolean conflict = false;
        for (ItemSource source : item.getSources()) {
            if (source.getWithdrawn()) {
                continue;
            }
            ClinicalEvent latest = source.getLatest();
            String status = ClinicalFacts.status(latest.getPayload());
            if (current == null) {
                firstStatus = status;
            } else {
                conflict |= !Objects.equals(status, firstStatus);
            }
            if (current == null || VersionOrder.OLDEST_FIRST.compare(latest, current) > 0) {
                current = latest;
            }
        }
        item.setCurrent(current);
        item.setEnteredInError(current == null);
        item.setConflict(conflict);
        item.setClinicalTime(ClinicalFacts.clinicalTime(current != null ? current : newestAssertion(item.getHistory())));
        item.setSensitivity(sensitivityOf(item.getHistory()));
        return item;
    }

    // A withdrawn item stays on the timeline where its content put it, not where the withdrawal did.
    private static ClinicalEvent newestAssertion(List<ClinicalEvent> history) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).getChange() != ChangeKind.ENTERED_IN_ERROR) {
                return history.get(i);
            }
        }
        return history.get(history.size() - 1);
    }

    // Labels are unioned over all versions: once a version was sensitive, filtering the item stays the safe choice.
    static List<Coding> sensitivityOf(List<ClinicalEvent> history) {
        if (history.stream().allMatch(version -> version.getSensitivity().isEmpty())) {
            return new ArrayList<>();
        }
        Map<String, Coding> labels = new TreeMap<>();
        for (ClinicalEvent version : history) {
            for (Coding label : version.getSensitivity()) {
                labels.putIfAbsent(label.getSystem() + '|' + label.getCode(), label);
            }
        }
        return new ArrayList<>(labels.values());
    }
}

package org.openspr.projector.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.openspr.events.avro.ChangeKind;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.ItemSource;
import org.openspr.events.avro.RecordItem;
import org.openspr.events.avro.RecordSection;

/**
 * Applies one resolved clinical event to a patient's record. Every step is a point read or write under a composite
 * key, so the cost of an event depends on the size of its item, never on the size of the patient's record.
 */
public final class RecordProjection {
    private final KeyValueStore<String, StoredItem> items;
    private final KeyValueStore<String, String> itemIndex;
    private final KeyValueStore<String, String> factIndex;
    private final KeyValueStore<String, String> timeline;

    public RecordProjection(KeyValueStore<String, StoredItem> items, KeyValueStore<String, String> itemIndex,
                            KeyValueStore<String, String> factIndex, KeyValueStore<String, String> timeline) {
        this.items = items;
        this.itemIndex = itemIndex;
        this.factIndex = factIndex;
        this.timeline = timeline;
    }

    /** Applies the event; returns the view changes (item key to new item, or to null when a key is retired). */
    public List<KeyValue<String, RecordItem>> apply(String nhsNumber, ClinicalEvent event) {
        String ref = itemIndex.get(RecordKeys.itemIndex(nhsNumber, event.getItemId()));
        RecordSection section;
        String canonical;
        String factKey = null;
        String key;
        StoredItem stored;
        if (ref != null) {
            section = RecordKeys.refSection(ref);
            canonical = RecordKeys.refItemId(ref);
            key = RecordKeys.item(nhsNumber, section, canonical);
            stored = items.get(key);
        } else {
            // Not indexed: either the source's own item (an item under its own id in its own section is not
            // indexed), or a source not seen yet, which may be the same fact as another source's item.
            section = ownSection(nhsNumber, event);
            canonical = event.getItemId();
            key = RecordKeys.item(nhsNumber, section, canonical);
            stored = items.get(key);
            if (stored == null) {
                factKey = event.getChange() == ChangeKind.ENTERED_IN_ERROR ? null : ClinicalFacts.factKey(event);
                String sameFact = factKey == null ? null : factIndex.get(RecordKeys.fact(nhsNumber, section, factKey));
                if (sameFact != null) {
                    canonical = sameFact;
                    key = RecordKeys.item(nhsNumber, section, canonical);
                    stored = items.get(key);
                }
            }
        }
        RecordItem old = stored == null ? null : stored.item();
        if (ItemMerger.alreadyApplied(old, event)) {
            return List.of();
        }
        Instant oldTime = old == null ? null : old.getClinicalTime();
        // The smallest source item id names the item, so which source arrived first does not change the key.
        String newCanonical = canonical.compareTo(event.getItemId()) <= 0 ? canonical : event.getItemId();
        RecordItem updated = ItemMerger.add(old, nhsNumber, section, newCanonical, event);

        List<KeyValue<String, RecordItem>> changes = new ArrayList<>(2);
        if (!newCanonical.equals(canonical) && old != null) {
            items.delete(key);
            changes.add(KeyValue.pair(key, null));
            if (oldTime != null) {
                timeline.delete(RecordKeys.timeline(nhsNumber, oldTime, section, canonical));
            }
            oldTime = null;
            reindexSources(nhsNumber, section, newCanonical, updated);
        }
        String newKey = newCanonical.equals(canonical) ? key : RecordKeys.item(nhsNumber, section, newCanonical);
        items.put(newKey, StoredItem.of(updated));
        String newRef = RecordKeys.itemRef(section, newCanonical);
        if (!newRef.equals(ref) && !(ref == null && newCanonical.equals(event.getItemId()))) {
            itemIndex.put(RecordKeys.itemIndex(nhsNumber, event.getItemId()), newRef);
        }
        if (factKey != null) {
            factIndex.put(RecordKeys.fact(nhsNumber, section, factKey), newCanonical);
        }
        Instant newTime = updated.getClinicalTime();
        if (!newTime.equals(oldTime)) {
            if (oldTime != null) {
                timeline.delete(RecordKeys.timeline(nhsNumber, oldTime, section, newCanonical));
            }
            timeline.put(RecordKeys.timeline(nhsNumber, newTime, section, newCanonical), newRef);
        }
        changes.add(KeyValue.pair(newKey, updated));
        return changes;
    }

    /**
     * The section an unindexed source's own item lives in: its payload type's section. An entered-in-error event
     * names the withdrawn entry's type in its own words (a FHIR resource type, say), so its item is looked for in
     * every section; if there is none yet, the named type decides as before.
     */
    private RecordSection ownSection(String nhsNumber, ClinicalEvent event) {
        if (event.getChange() == ChangeKind.ENTERED_IN_ERROR) {
            for (RecordSection candidate : RecordSection.values()) {
                if (items.get(RecordKeys.item(nhsNumber, candidate, event.getItemId())) != null) {
                    return candidate;
                }
            }
        }
        return Sections.of(event);
    }

    private void reindexSources(String nhsNumber, RecordSection section, String canonical, RecordItem item) {
        String ref = RecordKeys.itemRef(section, canonical);
        for (ItemSource source : item.getSources()) {
            itemIndex.put(RecordKeys.itemIndex(nhsNumber, source.getItemId()), ref);
            String factKey = source.getWithdrawn() ? null : ClinicalFacts.factKey(source.getLatest());
            if (factKey != null) {
                factIndex.put(RecordKeys.fact(nhsNumber, section, factKey), canonical);
            }
        }
    }
}

package org.openspr.projector.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.openspr.events.avro.RecordItem;
import org.openspr.events.avro.RecordSection;

/**
 * Reads a patient's record from the projector's stores, independent of any transport: follows merges to the surviving
 * NHS number, folds in the records of every number merged into it, and reads each section by key prefix and the
 * timeline by key range.
 */
public final class PatientRecordReader {
    private static final int MAX_MERGE_HOPS = 16;
    private static final StringSerializer KEYS = new StringSerializer();
    // Clinical time (items without one first), then item id; spelled out because it runs for every item of every read.
    private static final Comparator<RecordItem> TIMELINE_ORDER = (a, b) -> {
        Instant left = a.getClinicalTime();
        Instant right = b.getClinicalTime();
        int byTime = left == null ? (right == null ? 0 : -1) : right == null ? 1 : left.compareTo(right);
        return byTime != 0 ? byTime : a.getItemId().compareTo(b.getItemId());
    };
    // Reading more sections than this is one scan over the patient's items rather than one scan per section.
    private static final int SECTION_SCANS_UP_TO = 3;
    private final RecordStoreAccess stores;

    public PatientRecordReader(RecordStoreAccess stores) {
        this.stores = stores;
    }

    /** The NHS number that carries on for this one (itself unless it was merged away). */
    public String survivorOf(String nhsNumber) {
        ReadOnlyKeyValueStore<String, String> merges = stores.merges();
        String current = nhsNumber;
        for (int hop = 0; hop < MAX_MERGE_HOPS; hop++) {
            String next = merges.get(current);
            if (next == null || next.equals(nhsNumber)) {
                return current; // not merged, or a merge cycle (bad data): stop where we are
            }
            current = next;
        }
        return current;
    }

    public PatientRecord read(String nhsNumber, RecordQuery query) {
        Map<RecordSection, List<RecordItem>> sections = new EnumMap<>(RecordSection.class);
        List<RecordItem> all = new ArrayList<>();
        RecordHeader header = visit(nhsNumber, query.sections(), stored -> {
            RecordItem item = stored.item();
            if (wanted(item, query)) {
                sections.computeIfAbsent(item.getSection(), s -> new ArrayList<>()).add(item);
                all.add(item);
            }
        });
        all.sort(TIMELINE_ORDER);
        return new PatientRecord(nhsNumber, header.nhsNumber(), header.mergedNhsNumbers(), sections, all, header.unappliedEvents());
    }

    /**
     * Hands over, undecoded and in key order, the stored items in {@code sections} of the record {@code nhsNumber} is
     * filed under and of every number merged into it, for readers that decode (and filter with {@link #wanted}) in their
     * own way; entered-in-error items are included.
     */
    public RecordHeader visit(String nhsNumber, Set<RecordSection> sections, Consumer<StoredItem> visitor) {
        String survivor = survivorOf(nhsNumber);
        List<String> merged = mergedInto(survivor);
        List<String> numbers = new ArrayList<>(merged);
        numbers.add(0, survivor);
        Map<String, String> unapplied = new TreeMap<>();
        for (String number : numbers) {
            try (KeyValueIterator<String, String> it = stores.unapplied(number).prefixScan(RecordKeys.patientPrefix(number), KEYS)) {
                it.forEachRemaining(kv -> unapplied.put(kv.key.substring(kv.key.indexOf(RecordKeys.SEP) + 1), kv.value));
            }
            ReadOnlyKeyValueStore<String, StoredItem> items = stores.items(number);
            if (sections.size() <= SECTION_SCANS_UP_TO) {
                for (RecordSection section : sections) {
                    scan(items, RecordKeys.sectionPrefix(number, section), null, visitor);
                }
            } else {
                scan(items, RecordKeys.patientPrefix(number), sections, visitor);
            }
        }
        return new RecordHeader(nhsNumber, survivor, merged, unapplied);
    }

    /**
     * Whether the record a {@link #visit} found has any item at all, in any section, entered in error or not, under its
     * NHS number or a number merged into it. A visit of a few sections can find nothing for a patient who has a record;
     * this tells that apart from a patient who has none (one seek per number, only when it is asked).
     */
    public boolean hasItems(RecordHeader record) {
        List<String> numbers = new ArrayList<>(record.mergedNhsNumbers());
        numbers.add(0, record.nhsNumber());
        for (String number : numbers) {
            try (KeyValueIterator<String, StoredItem> it = stores.items(number).prefixScan(RecordKeys.patientPrefix(number), KEYS)) {
                if (it.hasNext()) {
                    return true;
                }
            }
        }
        return false;
    }

    // Over a section prefix (sections null) or a patient prefix, keeping the items whose key names a wanted section.
    private static void scan(ReadOnlyKeyValueStore<String, StoredItem> items, String prefix, Set<RecordSection> sections,
                             Consumer<StoredItem> visitor) {
        try (KeyValueIterator<String, StoredItem> it = items.prefixScan(prefix, KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, StoredItem> entry = it.next();
                if (sections == null || sections.contains(RecordKeys.itemSection(entry.key, prefix.length()))) {
                    visitor.accept(entry.value);
                }
            }
        }
    }

    /** The timeline alone, read by key range so a narrow time window stays cheap on a long record. */
    public List<RecordItem> timeline(String nhsNumber, RecordQuery query) {
        String survivor = survivorOf(nhsNumber);
        List<String> numbers = new ArrayList<>(mergedInto(survivor));
        numbers.add(0, survivor);
        List<RecordItem> result = new ArrayList<>();
        for (String number : numbers) {
            ReadOnlyKeyValueStore<String, String> timeline = stores.timeline(number);
            ReadOnlyKeyValueStore<String, StoredItem> items = stores.items(number);
            try (KeyValueIterator<String, String> it = timeline.range(RecordKeys.timelineAt(number, query.fromMillis()),
                    RecordKeys.timelineUpTo(number, query.toMillis()))) {
                while (it.hasNext()) {
                    KeyValue<String, String> entry = it.next();
                    RecordSection section = RecordKeys.refSection(entry.value);
                    if (query.sections().contains(section)) {
                        StoredItem stored = items.get(RecordKeys.item(number, section, RecordKeys.refItemId(entry.value)));
                        RecordItem item = stored == null ? null : stored.item();
                        if (item != null && wanted(item, query)) {
                            result.add(item);
                        }
                    }
                }
            }
        }
        result.sort(TIMELINE_ORDER); // every item here has a clinical time
        return result;
    }

    // Merges are few; scanning them beats keeping a second index that could drift from the first.
    private List<String> mergedInto(String survivor) {
        List<String> merged = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (KeyValueIterator<String, String> it = stores.merges().all()) {
            while (it.hasNext()) {
                String superseded = it.next().key;
                if (seen.add(superseded) && !superseded.equals(survivor) && survivorOf(superseded).equals(survivor)) {
                    merged.add(superseded);
                }
            }
        }
        merged.sort(Comparator.naturalOrder());
        return merged;
    }

    /** Whether a read with this query returns the item (entered in error, clinical time window). */
    public static boolean wanted(RecordItem item, RecordQuery query) {
        if (item.getEnteredInError() && !query.includeEnteredInError()) {
            return false;
        }
        if (query.timeBounded()) {
            return item.getClinicalTime() != null && item.getClinicalTime().toEpochMilli() >= query.fromMillis()
                    && item.getClinicalTime().toEpochMilli() <= query.toMillis();
        }
        return true;
    }
}

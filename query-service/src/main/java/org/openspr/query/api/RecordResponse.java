package org.openspr.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openspr.query.core.RecordEntry;
import org.openspr.query.core.ReleasedRecord;

/**
 * A clinician's (or patient's) view of a record: items by section, or in clinical-time order for a timeline.
 *
 * @param nhsNumber  the number the record is filed under
 * @param redirected true when the requested number was merged into {@code nhsNumber}; {@code notice} says so
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RecordResponse(String requestedNhsNumber, String nhsNumber, boolean redirected, String notice,
                             List<String> mergedNhsNumbers, AccessView access,
                             Map<String, List<RenderedItems.Item>> sections, List<RenderedItems.Item> timeline) {

    public static RecordResponse bySection(RenderedItems items, ReleasedRecord record) {
        Map<String, List<RenderedItems.Item>> sections = new LinkedHashMap<>();
        for (var section : record.decision().sections()) {
            sections.put(section.name(), new ArrayList<>());
        }
        for (RecordEntry entry : record.entries()) {
            sections.computeIfAbsent(entry.section().name(), s -> new ArrayList<>()).add(items.item(entry));
        }
        return of(record, sections, null);
    }

    public static RecordResponse timeline(RenderedItems items, ReleasedRecord record) {
        List<RecordEntry> ordered = new ArrayList<>(record.entries());
        ordered.removeIf(e -> e.clinicalTime() == null);
        ordered.sort(java.util.Comparator.comparing(RecordEntry::clinicalTime).thenComparing(RecordEntry::itemId));
        return of(record, null, ordered.stream().map(items::item).toList());
    }

    private static RecordResponse of(ReleasedRecord record, Map<String, List<RenderedItems.Item>> sections,
                                     List<RenderedItems.Item> timeline) {
        var view = record.view();
        String notice = view.redirected() ? "NHS number " + view.requestedNhsNumber() + " was merged into " + view.nhsNumber()
                + ": this is the record of " + view.nhsNumber() : null;
        return new RecordResponse(view.requestedNhsNumber(), view.nhsNumber(), view.redirected(), notice,
                view.mergedNhsNumbers(), AccessView.of(record), sections, timeline);
    }
}

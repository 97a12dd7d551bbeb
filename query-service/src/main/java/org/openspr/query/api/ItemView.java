package org.openspr.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.openspr.query.core.EntrySource;
import org.openspr.query.core.RecordEntry;

/**
 * One released item: what it is, when, where it came from, whether sources disagree, and its content.
 *
 * @param type    the payload type, e.g. ConditionRecorded
 * @param payload the clinical content as recorded by the latest version
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ItemView(String itemId, String section, String type, Instant clinicalTime, boolean conflict,
                       boolean enteredInError, List<String> sensitivity, List<SourceView> sources, SpecificRecord payload) {

    /** Where one version came from. */
    public record SourceView(String odsCode, String system, Instant recordedAt, boolean withdrawn) {
        static SourceView of(EntrySource source) {
            return new SourceView(source.odsCode(), source.system(), source.recordedAt(), source.withdrawn());
        }
    }

    public static ItemView of(RecordEntry entry) {
        Object payload = entry.payload();
        return new ItemView(entry.itemId(), entry.section().name(), payload == null ? null : payload.getClass().getSimpleName(),
                entry.clinicalTime(), entry.conflict(), entry.enteredInError(), entry.labelCodes().stream().sorted().toList(),
                entry.sources().stream().map(SourceView::of).toList(), (SpecificRecord) payload);
    }
}

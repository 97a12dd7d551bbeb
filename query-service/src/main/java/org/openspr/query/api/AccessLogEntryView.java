package org.openspr.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.openspr.events.avro.RecordAccessed;

/**
 * One access as a patient or an auditor sees it: who (name, role, organisation), when, why (purpose and basis, the
 * break-glass reason) and with what outcome. Auditors also get the ids needed to investigate.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record AccessLogEntryView(Instant at, String who, String role, String organisation, String action, String basis,
                                 String purposeOfUse, String breakGlassReason, String outcome, List<String> sections,
                                 Integer itemCount, String userId, String requestId, String patientNhsNumber,
                                 String outcomeReason) {

    /** What a patient is told: no internal ids, no denial reasons. */
    public static AccessLogEntryView forPatient(RecordAccessed event) {
        return new AccessLogEntryView(event.getOccurredAt(), who(event), event.getActor().getRoleName(),
                event.getActor().getOdsCode(), event.getAction().name(), event.getBasis().name(),
                event.getPurposeOfUse().getCode(), event.getBreakGlassReason(), event.getOutcome().name(),
                event.getSections(), event.getItemCount(), null, null, null, null);
    }

    /** What an auditor is told: everything in the event that identifies the access. */
    public static AccessLogEntryView forAuditor(RecordAccessed event) {
        return new AccessLogEntryView(event.getOccurredAt(), who(event), event.getActor().getRoleName(),
                event.getActor().getOdsCode(), event.getAction().name(), event.getBasis().name(),
                event.getPurposeOfUse().getCode(), event.getBreakGlassReason(), event.getOutcome().name(),
                event.getSections(), event.getItemCount(), event.getActor().getUserId(), event.getRequestId(),
                event.getPatientNhsNumber(), event.getOutcomeReason());
    }

    private static String who(RecordAccessed event) {
        if (event.getActor().getPatientSelf()) {
            return "you";
        }
        return event.getActor().getDisplayName() != null ? event.getActor().getDisplayName() : event.getActor().getUserId();
    }
}

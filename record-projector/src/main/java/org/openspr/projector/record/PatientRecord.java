package org.openspr.projector.record;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openspr.events.avro.ConditionRecorded;
import org.openspr.events.avro.MedicationRecorded;
import org.openspr.events.avro.ObservationRecorded;
import org.openspr.events.avro.RecordItem;
import org.openspr.events.avro.RecordSection;

/**
 * A patient's record as a clinician reads it.
 *
 * @param requestedNhsNumber the number that was asked for
 * @param nhsNumber          the number the record is filed under: the survivor if the requested one was merged
 * @param mergedNhsNumbers   numbers merged into this record (their items are included)
 * @param sections           items per section, in key order
 * @param timeline           every returned item ordered by clinical time
 * @param unappliedEvents    events of this patient that failed to apply and wait in the dead-letter topic (event id
 *                           to reason): when not empty, the record is incomplete and should say so
 */
public record PatientRecord(String requestedNhsNumber, String nhsNumber, List<String> mergedNhsNumbers,
                            Map<RecordSection, List<RecordItem>> sections, List<RecordItem> timeline,
                            Map<String, String> unappliedEvents) {
    private static final Set<String> CURRENT_MEDICATION = Set.of("active", "on-hold", "unknown");
    private static final Set<String> ACTIVE_PROBLEM = Set.of("active", "recurrence", "relapse");

    /** True when the requested number was superseded by a merge: the answer is the survivor's record, and says so. */
    public boolean redirected() {
        return !requestedNhsNumber.equals(nhsNumber);
    }

    /** True when some of the patient's events could not be applied (see {@link #unappliedEvents()}). */
    public boolean incomplete() {
        return !unappliedEvents.isEmpty();
    }

    public List<RecordItem> section(RecordSection section) {
        return sections.getOrDefault(section, List.of());
    }

    public List<RecordItem> currentMedications() {
        return section(RecordSection.MEDICATIONS).stream().filter(i -> i.getCurrent() != null
                && CURRENT_MEDICATION.contains(((MedicationRecorded) i.getCurrent().getPayload()).getStatus())).toList();
    }

    public List<RecordItem> pastMedications() {
        return section(RecordSection.MEDICATIONS).stream().filter(i -> i.getCurrent() != null
                && !CURRENT_MEDICATION.contains(((MedicationRecorded) i.getCurrent().getPayload()).getStatus())).toList();
    }

    public List<RecordItem> activeProblems() {
        return section(RecordSection.PROBLEMS).stream().filter(i -> i.getCurrent() != null
                && ACTIVE_PROBLEM.contains(String.valueOf(((ConditionRecorded) i.getCurrent().getPayload()).getClinicalStatus()))).toList();
    }

    public List<RecordItem> resolvedProblems() {
        return section(RecordSection.PROBLEMS).stream().filter(i -> i.getCurrent() != null
                && !ACTIVE_PROBLEM.contains(String.valueOf(((ConditionRecorded) i.getCurrent().getPayload()).getClinicalStatus()))).toList();
    }

    /** Results grouped under their report: report item (or null for results without one) to its observations. */
    public Map<String, List<RecordItem>> observationsByReport() {
        Map<String, List<RecordItem>> byReport = new LinkedHashMap<>();
        for (RecordItem item : section(RecordSection.RESULTS)) {
            if (item.getCurrent() != null && item.getCurrent().getPayload() instanceof ObservationRecorded observation) {
                byReport.computeIfAbsent(observation.getReportItemId(), k -> new java.util.ArrayList<>()).add(item);
            }
        }
        return byReport;
    }
}

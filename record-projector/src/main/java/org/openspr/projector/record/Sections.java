package org.openspr.projector.record;

import java.util.Map;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.EntryEnteredInError;
import org.openspr.events.avro.RecordSection;
import org.openspr.events.errors.SprException;
import org.openspr.projector.ProjectorErrorCode;

/** Decides the record section of a clinical event from its payload type ("its type decides the record section"). */
public final class Sections {
    private static final Map<String, RecordSection> BY_PAYLOAD_TYPE = Map.ofEntries(
            Map.entry("DemographicsRecorded", RecordSection.DEMOGRAPHICS),
            Map.entry("EncounterRecorded", RecordSection.ENCOUNTERS),
            Map.entry("AllergyRecorded", RecordSection.ALLERGIES),
            Map.entry("ConditionRecorded", RecordSection.PROBLEMS),
            Map.entry("MedicationRecorded", RecordSection.MEDICATIONS),
            Map.entry("ObservationRecorded", RecordSection.RESULTS),
            Map.entry("DiagnosticReportRecorded", RecordSection.RESULTS),
            Map.entry("ProcedureRecorded", RecordSection.PROCEDURES),
            Map.entry("ImmunisationRecorded", RecordSection.IMMUNISATIONS),
            Map.entry("DocumentRecorded", RecordSection.DOCUMENTS),
            Map.entry("CarePlanRecorded", RecordSection.CARE_PLANS),
            Map.entry("FlagRaised", RecordSection.ALERTS),
            Map.entry("PregnancyEpisodeRecorded", RecordSection.MATERNITY));

    private Sections() {
    }

    /** The section of the event's item; an entered-in-error event names the withdrawn entry's type. */
    public static RecordSection of(ClinicalEvent event) {
        Object payload = event.getPayload();
        String type = payload instanceof EntryEnteredInError withdrawn
                ? withdrawn.getEntryType()
                : payload.getClass().getSimpleName();
        RecordSection section = BY_PAYLOAD_TYPE.get(type);
        if (section == null) {
            throw new SprException(ProjectorErrorCode.UNKNOWN_PAYLOAD, event.getEventId(), type);
        }
        return section;
    }
}

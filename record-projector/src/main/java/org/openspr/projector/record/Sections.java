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
    // What ingest names as the withdrawn entry's type: the FHIR resource type (HL7 v2 feeds use the same names).
    private static final Map<String, RecordSection> BY_RESOURCE_TYPE = Map.ofEntries(
            Map.entry("Patient", RecordSection.DEMOGRAPHICS),
            Map.entry("Encounter", RecordSection.ENCOUNTERS),
            Map.entry("AllergyIntolerance", RecordSection.ALLERGIES),
            Map.entry("Condition", RecordSection.PROBLEMS),
            Map.entry("MedicationRequest", RecordSection.MEDICATIONS),
            Map.entry("MedicationStatement", RecordSection.MEDICATIONS),
            Map.entry("MedicationDispense", RecordSection.MEDICATIONS),
            Map.entry("MedicationAdministration", RecordSection.MEDICATIONS),
            Map.entry("Observation", RecordSection.RESULTS),
            Map.entry("DiagnosticReport", RecordSection.RESULTS),
            Map.entry("Procedure", RecordSection.PROCEDURES),
            Map.entry("Immunization", RecordSection.IMMUNISATIONS),
            Map.entry("DocumentReference", RecordSection.DOCUMENTS),
            Map.entry("Composition", RecordSection.DOCUMENTS),
            Map.entry("CarePlan", RecordSection.CARE_PLANS),
            Map.entry("Flag", RecordSection.ALERTS));

    private Sections() {
    }

    /**
     * The section of the event's item; an entered-in-error event names the withdrawn entry's type, as a payload type
     * or as the FHIR resource type ingest writes there, so a withdrawal that arrives before its entry is filed where
     * the entry will go.
     */
    public static RecordSection of(ClinicalEvent event) {
        Object payload = event.getPayload();
        String type = payload instanceof EntryEnteredInError withdrawn
                ? withdrawn.getEntryType()
                : payload.getClass().getSimpleName();
        RecordSection section = BY_PAYLOAD_TYPE.get(type);
        if (section == null && payload instanceof EntryEnteredInError) {
            section = BY_RESOURCE_TYPE.get(type);
        }
        if (section == null) {
            throw new SprException(ProjectorErrorCode.UNKNOWN_PAYLOAD, event.getEventId(), type);
        }
        return section;
    }
}

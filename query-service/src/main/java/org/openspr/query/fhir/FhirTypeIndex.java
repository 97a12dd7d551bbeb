package org.openspr.query.fhir;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.openspr.events.avro.AllergyRecorded;
import org.openspr.events.avro.CarePlanRecorded;
import org.openspr.events.avro.ConditionRecorded;
import org.openspr.events.avro.DemographicsRecorded;
import org.openspr.events.avro.DiagnosticReportRecorded;
import org.openspr.events.avro.DocumentRecorded;
import org.openspr.events.avro.EncounterRecorded;
import org.openspr.events.avro.FlagRaised;
import org.openspr.events.avro.ImmunisationRecorded;
import org.openspr.events.avro.MedicationRecorded;
import org.openspr.events.avro.ObservationRecorded;
import org.openspr.events.avro.PregnancyEpisodeRecorded;
import org.openspr.events.avro.ProcedureRecorded;
import org.openspr.query.QueryErrorCode;
import org.openspr.query.QueryException;
import org.openspr.query.core.RecordEntry;
import org.openspr.query.core.Section;

/** Which FHIR resource type an entry becomes and which section holds each type, without building resources. */
public final class FhirTypeIndex {
    /** Resource type to the section it is read from, in the order the CapabilityStatement lists them. */
    public static final Map<String, Section> SECTION_OF = new LinkedHashMap<>();

    static {
        SECTION_OF.put("Patient", Section.DEMOGRAPHICS);
        SECTION_OF.put("AllergyIntolerance", Section.ALLERGIES);
        SECTION_OF.put("Condition", Section.PROBLEMS);
        SECTION_OF.put("MedicationRequest", Section.MEDICATIONS);
        SECTION_OF.put("MedicationStatement", Section.MEDICATIONS);
        SECTION_OF.put("MedicationDispense", Section.MEDICATIONS);
        SECTION_OF.put("MedicationAdministration", Section.MEDICATIONS);
        SECTION_OF.put("Encounter", Section.ENCOUNTERS);
        SECTION_OF.put("Observation", Section.RESULTS);
        SECTION_OF.put("DiagnosticReport", Section.RESULTS);
        SECTION_OF.put("Procedure", Section.PROCEDURES);
        SECTION_OF.put("Immunization", Section.IMMUNISATIONS);
        SECTION_OF.put("DocumentReference", Section.DOCUMENTS);
        SECTION_OF.put("CarePlan", Section.CARE_PLANS);
        SECTION_OF.put("Flag", Section.ALERTS);
        SECTION_OF.put("EpisodeOfCare", Section.MATERNITY);
    }

    private FhirTypeIndex() {
    }

    /** The resource type this entry maps to, or null (entered in error, or not mapped). */
    public static String typeOf(RecordEntry entry) {
        Object payload = entry.payload();
        if (payload instanceof DemographicsRecorded) {
            return "Patient";
        } else if (payload instanceof EncounterRecorded) {
            return "Encounter";
        } else if (payload instanceof AllergyRecorded) {
            return "AllergyIntolerance";
        } else if (payload instanceof ConditionRecorded) {
            return "Condition";
        } else if (payload instanceof MedicationRecorded m) {
            return switch (m.getKind()) {
                case PRESCRIBED -> "MedicationRequest";
                case DISPENSED -> "MedicationDispense";
                case ADMINISTERED -> "MedicationAdministration";
                case STATEMENT -> "MedicationStatement";
            };
        } else if (payload instanceof ObservationRecorded) {
            return "Observation";
        } else if (payload instanceof DiagnosticReportRecorded) {
            return "DiagnosticReport";
        } else if (payload instanceof ProcedureRecorded) {
            return "Procedure";
        } else if (payload instanceof ImmunisationRecorded) {
            return "Immunization";
        } else if (payload instanceof DocumentRecorded) {
            return "DocumentReference";
        } else if (payload instanceof CarePlanRecorded) {
            return "CarePlan";
        } else if (payload instanceof FlagRaised) {
            return "Flag";
        } else if (payload instanceof PregnancyEpisodeRecorded) {
            return "EpisodeOfCare";
        }
        return null;
    }

    /** Parses {@code _type}; null or blank means every type. Unknown types are a 400. */
    public static Set<String> types(String raw) {
        if (raw == null || raw.isBlank()) {
            return SECTION_OF.keySet();
        }
        Set<String> types = new java.util.LinkedHashSet<>();
        for (String type : raw.split(",")) {
            String t = type.strip();
            if (!SECTION_OF.containsKey(t)) {
                throw new QueryException(400, QueryErrorCode.BAD_PARAMETER, "_type", "unsupported resource type '" + t + "'");
            }
            types.add(t);
        }
        return types;
    }

    public static Set<Section> sectionsFor(Set<String> types) {
        Set<Section> sections = EnumSet.noneOf(Section.class);
        types.forEach(t -> sections.add(SECTION_OF.get(t)));
        return sections;
    }
}

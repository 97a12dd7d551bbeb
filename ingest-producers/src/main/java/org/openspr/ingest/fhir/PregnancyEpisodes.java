package org.openspr.ingest.fhir;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.openspr.events.avro.Period;
import org.openspr.events.avro.PregnancyEpisodeRecorded;

/**
 * Pregnancy facts that FHIR feeds carry on ordinary resources, read as the maternity section's episode: a Condition
 * coded as a pregnancy (SNOMED CT 77386006 Pregnant, 72892002 Normal pregnancy, 47200007 High risk pregnancy) or a
 * pregnancy-status Observation (LOINC 82810-3 or 11449-6) whose value is 77386006 Pregnant. The resource keeps its
 * own event; the episode is a second event derived from it, with its own stable id.
 */
final class PregnancyEpisodes {
    static final String SNOMED = "http://snomed.info/sct";
    static final String LOINC = "http://loinc.org";
    private static final String PREGNANT = "77386006";
    private static final Set<String> PREGNANCY_CONDITIONS = Set.of(PREGNANT, "72892002", "47200007");
    private static final Set<String> PREGNANCY_STATUS = Set.of("82810-3", "11449-6");
    private static final Set<String> ENDED = Set.of("inactive", "remission", "resolved");

    private PregnancyEpisodes() {
    }

    /** The episode a resource states, or null when it says nothing about a pregnancy (or says the patient is not pregnant). */
    static PregnancyEpisodeRecorded of(Resource r) {
        if (r instanceof Condition c && coded(c.getCode(), SNOMED, PREGNANCY_CONDITIONS)) {
            String verification = FhirTypes.firstCode(c.getVerificationStatus());
            if ("refuted".equals(verification)) {
                return null;
            }
            String clinical = FhirTypes.firstCode(c.getClinicalStatus());
            Instant end = FhirTypes.instant(c.getAbatement());
            String status = "entered-in-error".equals(verification) ? "entered-in-error"
                    : ENDED.contains(clinical) || (clinical == null && end != null) ? "finished" : "active";
            return episode(status, FhirTypes.instant(c.getOnset()), end, FhirTypes.notes(c.getNote()));
        }
        if (r instanceof Observation o && coded(o.getCode(), LOINC, PREGNANCY_STATUS)
                && o.getValue() instanceof CodeableConcept value && coded(value, SNOMED, Set.of(PREGNANT))) {
            String status = o.getStatus() == Observation.ObservationStatus.ENTEREDINERROR ? "entered-in-error" : "active";
            return episode(status, FhirTypes.instant(o.getEffective()), null, FhirTypes.notes(o.getNote()));
        }
        return null;
    }

    private static PregnancyEpisodeRecorded episode(String status, Instant start, Instant end, List<String> notes) {
        return PregnancyEpisodeRecorded.newBuilder()
                .setStatus(status)
                .setPeriod(Period.newBuilder().setStart(start).setEnd(end).build())
                .setNotes(notes)
                .build();
    }

    private static boolean coded(CodeableConcept concept, String system, Set<String> codes) {
        if (concept == null) {
            return false;
        }
        for (Coding c : concept.getCoding()) {
            if (system.equals(c.getSystem()) && codes.contains(c.getCode())) {
                return true;
            }
        }
        return false;
    }
}

package org.openspr.query.fhir;

import static org.openspr.query.fhir.FhirTypes.codeable;
import static org.openspr.query.fhir.FhirTypes.concept;
import static org.openspr.query.fhir.FhirTypes.concepts;
import static org.openspr.query.fhir.FhirTypes.date;
import static org.openspr.query.fhir.FhirTypes.oneOf;
import static org.openspr.query.fhir.FhirTypes.patient;
import static org.openspr.query.fhir.FhirTypes.period;

import java.util.Set;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.openspr.events.avro.AllergyRecorded;
import org.openspr.events.avro.CarePlanRecorded;
import org.openspr.events.avro.ClinicalEvent;
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
import org.openspr.query.core.RecordEntry;

/**
 * Record entries to FHIR R4 resources. Codes that FHIR binds strictly (statuses, intents) are mapped onto the allowed
 * values with a safe fallback, so every resource validates against the base specification whatever a source sent.
 */
public final class FhirMapper {
    private static final String ALLERGY_CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
    private static final String ALLERGY_VERIFICATION = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification";
    private static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    private static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    private static final Set<String> ACTIVE_CONDITION = Set.of("active", "recurrence", "relapse");

    private final MedicationMapper medications = new MedicationMapper();
    private final ResultMapper results = new ResultMapper();

    /** The resource for this entry, or null when it has no current version (entered in error). */
    public Resource toResource(String nhsNumber, RecordEntry entry) {
        ClinicalEvent event = entry.current();
        if (event == null) {
            return null;
        }
        Resource resource = map(nhsNumber, event.getPayload());
        if (resource == null) {
            return null;
        }
        resource.setId(event.getPayload() instanceof DemographicsRecorded ? nhsNumber : FhirTypes.id(entry.itemId()));
        resource.getMeta().setLastUpdatedElement(new InstantType(date(event.getVersionedAt())));
        resource.getMeta().setSource("urn:ods:" + event.getSource().getOdsCode() + "#" + event.getSource().getSystem());
        for (org.openspr.events.avro.Coding label : entry.sensitivity()) {
            resource.getMeta().addSecurity(new Coding(label.getSystem(), label.getCode(), label.getDisplay()));
        }
        return resource;
    }

    private Resource map(String nhsNumber, Object payload) {
        if (payload instanceof DemographicsRecorded d) {
            return PatientMapper.patient(nhsNumber, d);
        } else if (payload instanceof EncounterRecorded e) {
            return encounter(nhsNumber, e);
        } else if (payload instanceof AllergyRecorded a) {
            return allergy(nhsNumber, a);
        } else if (payload instanceof ConditionRecorded c) {
            return condition(nhsNumber, c);
        } else if (payload instanceof MedicationRecorded m) {
            return medications.map(nhsNumber, m);
        } else if (payload instanceof ObservationRecorded o) {
            return results.observation(nhsNumber, o);
        } else if (payload instanceof DiagnosticReportRecorded r) {
            return results.report(nhsNumber, r);
        } else if (payload instanceof ProcedureRecorded p) {
            return ProcedureMapper.procedure(nhsNumber, p);
        } else if (payload instanceof ImmunisationRecorded i) {
            return immunization(nhsNumber, i);
        } else if (payload instanceof DocumentRecorded d) {
            return DocumentMapper.document(nhsNumber, d);
        } else if (payload instanceof CarePlanRecorded c) {
            return carePlan(nhsNumber, c);
        } else if (payload instanceof FlagRaised f) {
            return flag(nhsNumber, f);
        } else if (payload instanceof PregnancyEpisodeRecorded p) {
            return pregnancy(nhsNumber, p);
        }
        return null; // EntryEnteredInError and anything newer than this mapper
    }

    private static Encounter encounter(String nhsNumber, EncounterRecorded e) {
        Encounter encounter = new Encounter().setSubject(patient(nhsNumber)).setPeriod(period(e.getPeriod()));
        encounter.setStatus(Encounter.EncounterStatus.fromCode(oneOf(e.getStatus(), Set.of("planned", "arrived", "triaged",
                "in-progress", "onleave", "finished", "cancelled", "entered-in-error", "unknown"), "unknown")));
        encounter.setClass_(e.getEncounterClass() != null ? FhirTypes.coding(e.getEncounterClass())
                : new Coding("http://terminology.hl7.org/CodeSystem/v3-NullFlavor", "UNK", "unknown"));
        if (e.getType() != null) {
            encounter.addType(concept(e.getType()));
        }
        e.getReasons().forEach(r -> encounter.addReasonCode(concept(r)));
        if (e.getServiceProvider() != null) {
            encounter.getServiceProvider().getIdentifier().setSystem(FhirTypes.ODS_SYSTEM).setValue(e.getServiceProvider());
        }
        if (e.getDischargeDisposition() != null) {
            encounter.getHospitalization().setDischargeDisposition(concept(e.getDischargeDisposition()));
        }
        return encounter;
    }

    private static AllergyIntolerance allergy(String nhsNumber, AllergyRecorded a) {
        AllergyIntolerance allergy = new AllergyIntolerance().setPatient(patient(nhsNumber)).setCode(concept(a.getCode()));
        String verification = oneOf(a.getVerificationStatus(), Set.of("unconfirmed", "confirmed", "refuted", "entered-in-error"), null);
        if (verification != null) {
            allergy.setVerificationStatus(codeable(ALLERGY_VERIFICATION, verification));
        }
        if (!"entered-in-error".equals(verification)) {
            // ait-1: a clinical status is required unless entered in error.
            allergy.setClinicalStatus(codeable(ALLERGY_CLINICAL, oneOf(a.getClinicalStatus(), Set.of("active", "inactive", "resolved"), "active")));
        }
        if (a.getType() != null && Set.of("allergy", "intolerance").contains(a.getType())) {
            allergy.setType(AllergyIntolerance.AllergyIntoleranceType.fromCode(a.getType()));
        }
        for (String category : a.getCategories()) {
            if (Set.of("food", "medication", "environment", "biologic").contains(category)) {
                allergy.addCategory(AllergyIntolerance.AllergyIntoleranceCategory.fromCode(category));
            }
        }
        if (a.getCriticality() != null && Set.of("low", "high", "unable-to-assess").contains(a.getCriticality())) {
            allergy.setCriticality(AllergyIntolerance.AllergyIntoleranceCriticality.fromCode(a.getCriticality()));
        }
        if (a.getOnset() != null) {
            allergy.setOnset(new DateTimeType(date(a.getOnset())));
        }
        a.getReactions().forEach(r -> {
            var reaction = allergy.addReaction();
            r.getManifestations().forEach(m -> reaction.addManifestation(concept(m)));
            if (r.getSeverity() != null && Set.of("mild", "moderate", "severe").contains(r.getSeverity())) {
                reaction.setSeverity(AllergyIntolerance.AllergyIntoleranceSeverity.fromCode(r.getSeverity()));
            }
            reaction.setDescription(r.getDescription());
        });
        a.getNotes().forEach(n -> allergy.addNote(new Annotation().setText(n)));
        return allergy;
    }

    private static Condition condition(String nhsNumber, ConditionRecorded c) {
        Condition condition = new Condition().setSubject(patient(nhsNumber)).setCode(concept(c.getCode()));
        String verification = oneOf(c.getVerificationStatus(), Set.of("unconfirmed", "provisional", "differential", "confirmed",
                "refuted", "entered-in-error"), null);
        if (verification != null) {
            condition.setVerificationStatus(codeable(CONDITION_VERIFICATION, verification));
        }
        String clinical = oneOf(c.getClinicalStatus(), Set.of("active", "recurrence", "relapse", "inactive", "remission", "resolved"), null);
        if (!"entered-in-error".equals(verification) && clinical != null) {
            condition.setClinicalStatus(codeable(CONDITION_CLINICAL, clinical));
        }
        c.getCategories().forEach(cat -> condition.addCategory(concept(cat)));
        condition.setSeverity(concept(c.getSeverity()));
        c.getBodySites().forEach(b -> condition.addBodySite(concept(b)));
        if (c.getOnset() != null) {
            condition.setOnset(new DateTimeType(date(c.getOnset())));
        }
        // con-4: an abatement date contradicts an active status; keep the status, which is what clinicians act on.
        if (c.getAbatement() != null && !ACTIVE_CONDITION.contains(clinical)) {
            condition.setAbatement(new DateTimeType(date(c.getAbatement())));
        }
        c.getNotes().forEach(n -> condition.addNote(new Annotation().setText(n)));
        return condition;
    }

    private static Immunization immunization(String nhsNumber, ImmunisationRecorded i) {
        Immunization immunization = new Immunization().setPatient(patient(nhsNumber)).setVaccineCode(concept(i.getVaccine()));
        immunization.setStatus(Immunization.ImmunizationStatus.fromCode(oneOf(i.getStatus(),
                Set.of("completed", "entered-in-error", "not-done"), "completed")));
        // occurrence[x] is mandatory in R4.
        immunization.setOccurrence(i.getOccurrence() != null ? new DateTimeType(date(i.getOccurrence())) : new StringType("unknown"));
        immunization.setLotNumber(i.getLotNumber());
        immunization.setSite(concept(i.getSite()));
        immunization.setRoute(concept(i.getRoute()));
        if (i.getPrimarySource() != null) {
            immunization.setPrimarySource(i.getPrimarySource());
        }
        if (i.getReasonNotGiven() != null && immunization.getStatus() == Immunization.ImmunizationStatus.NOTDONE) {
            immunization.setStatusReason(concept(i.getReasonNotGiven()));
        }
        if (i.getDoseNumber() != null || !i.getTargetDiseases().isEmpty()) {
            var protocol = immunization.addProtocolApplied();
            if (i.getDoseNumber() != null) {
                protocol.setDoseNumber(new StringType(i.getDoseNumber()));
            } else {
                protocol.setDoseNumber(new StringType("unknown"));
            }
            i.getTargetDiseases().forEach(t -> protocol.addTargetDisease(concept(t)));
        }
        return immunization;
    }

    private static CarePlan carePlan(String nhsNumber, CarePlanRecorded c) {
        CarePlan plan = new CarePlan().setSubject(patient(nhsNumber)).setTitle(c.getTitle()).setDescription(c.getDescription());
        plan.setStatus(CarePlan.CarePlanStatus.fromCode(oneOf(c.getStatus(), Set.of("draft", "active", "on-hold", "revoked",
                "completed", "entered-in-error", "unknown"), "unknown")));
        plan.setIntent(CarePlan.CarePlanIntent.fromCode(oneOf(c.getIntent(), Set.of("proposal", "plan", "order", "option"), "plan")));
        c.getCategories().forEach(cat -> plan.addCategory(concept(cat)));
        plan.setPeriod(period(c.getPeriod()));
        c.getActivities().forEach(a -> plan.addActivity().getDetail().setCode(concept(a))
                .setStatus(CarePlan.CarePlanActivityStatus.UNKNOWN));
        return plan;
    }

    private static Flag flag(String nhsNumber, FlagRaised f) {
        Flag flag = new Flag().setSubject(patient(nhsNumber)).setCode(concept(f.getCode())).setPeriod(period(f.getPeriod()));
        flag.setStatus(Flag.FlagStatus.fromCode(oneOf(f.getStatus(), Set.of("active", "inactive", "entered-in-error"), "active")));
        f.getCategories().forEach(cat -> flag.addCategory(concept(cat)));
        return flag;
    }

    private static EpisodeOfCare pregnancy(String nhsNumber, PregnancyEpisodeRecorded p) {
        EpisodeOfCare episode = new EpisodeOfCare().setPatient(patient(nhsNumber)).setPeriod(period(p.getPeriod()));
        episode.setStatus(EpisodeOfCare.EpisodeOfCareStatus.fromCode(oneOf(p.getStatus(), Set.of("planned", "waitlist", "active",
                "onhold", "finished", "cancelled", "entered-in-error"), "active")));
        episode.addType().addCoding(new Coding("http://snomed.info/sct", "77386006", "Pregnancy"));
        return episode;
    }
}

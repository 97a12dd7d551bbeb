package org.openspr.query.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.openspr.events.avro.AllergyRecorded;
import org.openspr.events.avro.ChangeKind;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.Coding;
import org.openspr.events.avro.Concept;
import org.openspr.events.avro.ConditionRecorded;
import org.openspr.events.avro.DemographicsRecorded;
import org.openspr.events.avro.EncounterKind;
import org.openspr.events.avro.EncounterRecorded;
import org.openspr.events.avro.HumanName;
import org.openspr.events.avro.MedicationKind;
import org.openspr.events.avro.MedicationRecorded;
import org.openspr.events.avro.ObservationKind;
import org.openspr.events.avro.ObservationRecorded;
import org.openspr.events.avro.ObservationValue;
import org.openspr.events.avro.PatientIdentity;
import org.openspr.events.avro.Period;
import org.openspr.events.avro.Provenance;
import org.openspr.events.avro.Quantity;
import org.openspr.events.avro.SourceRef;
import org.openspr.query.core.EntrySource;
import org.openspr.query.core.PatientView;
import org.openspr.query.core.RecordEntry;
import org.openspr.query.core.Section;

/** Builds small records for tests: a patient, their GP practice, encounters and clinical items with labels. */
public final class TestRecords {
    public static final String SNOMED = "http://snomed.info/sct";
    public static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    private final String nhsNumber;
    private final List<RecordEntry> entries = new ArrayList<>();
    private final List<String> merged = new ArrayList<>();
    private String requested;
    private int sequence;

    private TestRecords(String nhsNumber) {
        this.nhsNumber = nhsNumber;
        this.requested = nhsNumber;
    }

    public static TestRecords patient(String nhsNumber) {
        return new TestRecords(nhsNumber);
    }

    public TestRecords registeredAt(String gpOdsCode) {
        DemographicsRecorded demographics = DemographicsRecorded.newBuilder()
                .setNames(List.of(HumanName.newBuilder().setUse("official").setFamily("Smith").setGiven(List.of("Jane"))
                        .setPrefix(List.of()).setText(null).build()))
                .setGender("female").setBirthDate(LocalDate.of(1970, 3, 1)).setDeceasedAt(null).setAddresses(List.of())
                .setTelecoms(List.of()).setRegisteredGpPractice(gpOdsCode).setEthnicity(null).setLanguage(null).build();
        return add(Section.DEMOGRAPHICS, gpOdsCode, null, demographics);
    }

    public TestRecords encounter(String providerOds, String status, Instant start, Instant end) {
        EncounterRecorded encounter = EncounterRecorded.newBuilder().setKind(EncounterKind.ATTENDANCE).setStatus(status)
                .setEncounterClass(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"))
                .setType(null).setPeriod(new Period(start, end)).setLocation(null).setPriorLocation(null)
                .setAttendingClinician(null).setServiceProvider(providerOds).setVisitNumber(null).setReasons(List.of())
                .setDischargeDisposition(null).build();
        return add(Section.ENCOUNTERS, providerOds, start, encounter);
    }

    public TestRecords condition(String code, String display, String... labels) {
        ConditionRecorded condition = ConditionRecorded.newBuilder().setCode(concept(code, display))
                .setClinicalStatus("active").setVerificationStatus("confirmed").setCategories(List.of()).setSeverity(null)
                .setOnset(NOW.minusSeconds(86_400L * 400)).setAbatement(null).setBodySites(List.of()).setNotes(List.of()).build();
        return add(Section.PROBLEMS, "A81001", NOW.minusSeconds(86_400L * 400), condition, labels);
    }

    public TestRecords allergy(String code, String display) {
        AllergyRecorded allergy = AllergyRecorded.newBuilder().setCode(concept(code, display)).setClinicalStatus("active")
                .setVerificationStatus("confirmed").setType("allergy").setCategories(List.of("medication")).setCriticality("high")
                .setOnset(null).setReactions(List.of()).setNotes(List.of()).build();
        return add(Section.ALLERGIES, "A81001", NOW.minusSeconds(86_400L * 1000), allergy);
    }

    public TestRecords medication(String code, String display) {
        MedicationRecorded medication = MedicationRecorded.newBuilder().setKind(MedicationKind.PRESCRIBED)
                .setMedication(concept(code, display)).setStatus("active").setIntent("order").setCourseType(null)
                .setDosageText("one tablet daily").setRoute(null).setDoseQuantity(null).setQuantity(null)
                .setAuthoredOn(NOW.minusSeconds(86_400L * 30)).setEffectivePeriod(null).setPrescriber(null)
                .setReasons(List.of()).setNotes(List.of()).build();
        return add(Section.MEDICATIONS, "A81001", NOW.minusSeconds(86_400L * 30), medication);
    }

    public TestRecords observation(String code, String display, String value, String unit, Instant at, String... labels) {
        ObservationRecorded observation = ObservationRecorded.newBuilder().setKind(ObservationKind.LAB_RESULT)
                .setCode(concept(code, display)).setStatus("final").setCategories(List.of())
                .setValue(ObservationValue.newBuilder().setQuantity(new Quantity(value, null, unit, "http://unitsofmeasure.org", unit))
                        .setConcept(null).setText(null).setFlag(null).setDateTime(null).setDataAbsentReason(null).build())
                .setInterpretations(List.of()).setReferenceRanges(List.of()).setComponents(List.of()).setEffective(at)
                .setIssued(at).setPerformer(null).setSpecimen(null).setMethod(null).setBodySite(null).setReportItemId(null)
                .setNotes(List.of()).build();
        return add(Section.RESULTS, "RXX01", at, observation, labels);
    }

    /** The record answers for {@code requestedNhsNumber}, which was merged into this one. */
    public TestRecords requestedAs(String requestedNhsNumber) {
        this.requested = requestedNhsNumber;
        this.merged.add(requestedNhsNumber);
        return this;
    }

    public PatientView build() {
        return new PatientView(requested, nhsNumber, merged, entries);
    }

    public TestRecords add(Section section, String ods, Instant clinicalTime, Object payload, String... labels) {
        String itemId = section.name().toLowerCase() + "-" + (++sequence);
        List<Coding> sensitivity = new ArrayList<>();
        for (String label : labels) {
            sensitivity.add(new Coding(ACT_CODE, label, null));
        }
        ClinicalEvent event = ClinicalEvent.newBuilder().setEventId("ev-" + nhsNumber + "-" + itemId).setItemId(itemId).setChange(ChangeKind.RECORDED)
                .setPatient(new PatientIdentity(nhsNumber, List.of()))
                .setSource(SourceRef.newBuilder().setOdsCode(ods).setSystem("test-system").setMessageType("TEST")
                        .setMessageId("msg-" + itemId).setResourceType(null).setResourceId(null).build())
                .setOccurredAt(clinicalTime).setRecordedAt(NOW.minusSeconds(60)).setVersionedAt(NOW.minusSeconds(60))
                .setSourceVersion(null).setSensitivity(sensitivity)
                .setProvenance(new Provenance(null, "TEST", null)).setPayload(payload).build();
        entries.add(new RecordEntry(section, itemId, event, false, false, clinicalTime, sensitivity,
                List.of(new EntrySource(itemId, ods, "test-system", NOW.minusSeconds(60), false))));
        return this;
    }

    public static Concept concept(String code, String display) {
        return new Concept(List.of(new Coding(SNOMED, code, display)), display);
    }
}

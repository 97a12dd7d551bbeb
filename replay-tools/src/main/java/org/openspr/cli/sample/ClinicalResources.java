package org.openspr.cli.sample;

import static org.openspr.cli.sample.UkPatientGenerator.around;
import static org.openspr.cli.sample.UkPatientGenerator.pick;

import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.SplittableRandom;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.openspr.cli.sample.SampleCodes.Code;
import org.openspr.cli.sample.SampleCodes.LabTest;

/** Builds one patient's clinical resources for {@link UkPatientGenerator}; all choices come from its random source. */
final class ClinicalResources {
    private static final String ODS = "https://fhir.nhs.uk/Id/ods-organization-code";
    private static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    private static final String INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

    private final SplittableRandom random;
    private final UkPatientGenerator.Ids ids;
    private final String trust;
    private final String practice;
    private ZonedDateTime clock;

    ClinicalResources(SplittableRandom random, UkPatientGenerator.Ids ids, String trust, String practice, ZonedDateTime start) {
        this.random = random;
        this.ids = ids;
        this.trust = trust;
        this.practice = practice;
        this.clock = start;
    }

    List<Resource> encounterWithObservations(Reference subject, int number) {
        clock = clock.plusDays(1 + random.nextInt(60)).plusMinutes(random.nextInt(600));
        boolean inpatient = random.nextInt(4) == 0;
        ZonedDateTime start = clock;
        ZonedDateTime end = start.plusHours(inpatient ? 24 + random.nextInt(24 * 7) : 2 + random.nextInt(6));
        Encounter encounter = new Encounter();
        encounter.setId(ids.next("Encounter"));
        encounter.addIdentifier(new Identifier().setSystem("https://fhir." + trust.toLowerCase() + ".nhs.uk/Id/encounter")
                .setValue(trust + "-V" + encounter.getIdPart().substring(0, 8)));
        // The latest encounter is still open: it gives the trust a legitimate relationship with the patient.
        boolean open = number == 0 && random.nextInt(3) == 0;
        encounter.setStatus(open ? Encounter.EncounterStatus.INPROGRESS : Encounter.EncounterStatus.FINISHED);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", inpatient ? "IMP" : "EMER",
                inpatient ? "inpatient encounter" : "emergency"));
        encounter.addType(concept(inpatient ? SampleCodes.INPATIENT_STAY : SampleCodes.ED_ATTENDANCE));
        encounter.setSubject(subject);
        encounter.setPeriod(open ? new Period().setStart(date(start)) : new Period().setStart(date(start)).setEnd(date(end)));
        encounter.setServiceProvider(organisation(trust));
        Reference context = new Reference("urn:uuid:" + encounter.getIdPart());

        List<Resource> resources = new ArrayList<>();
        resources.add(encounter);
        resources.addAll(vitalSigns(subject, context, start.plusMinutes(15)));
        if (random.nextBoolean()) {
            resources.addAll(labReport(subject, context, start.plusMinutes(40)));
        }
        if (inpatient && !open) {
            resources.add(dischargeSummary(subject, context, end));
        }
        return resources;
    }

    private List<Resource> vitalSigns(Reference subject, Reference context, ZonedDateTime when) {
        List<Resource> vitals = new ArrayList<>();
        vitals.add(vital(subject, context, when, SampleCodes.HEART_RATE, around(random, 55, 100, 0), "/min", "beats/minute"));
        vitals.add(vital(subject, context, when, SampleCodes.RESPIRATORY_RATE, around(random, 12, 20, 0), "/min", "breaths/minute"));
        vitals.add(vital(subject, context, when, SampleCodes.BODY_TEMPERATURE, around(random, 36.1, 37.8, 1), "Cel", "degrees C"));
        Observation bp = observation(subject, context, when, SampleCodes.BLOOD_PRESSURE, "vital-signs");
        bp.addComponent().setCode(concept(SampleCodes.SYSTOLIC)).setValue(quantity(around(random, 100, 150, 0), "mm[Hg]", "mmHg"));
        bp.addComponent().setCode(concept(SampleCodes.DIASTOLIC)).setValue(quantity(around(random, 60, 95, 0), "mm[Hg]", "mmHg"));
        vitals.add(bp);
        return vitals;
    }

    private Observation vital(Reference subject, Reference context, ZonedDateTime when, Code code, BigDecimal value, String ucum, String unit) {
        Observation observation = observation(subject, context, when, code, "vital-signs");
        observation.setValue(quantity(value, ucum, unit));
        return observation;
    }

    private List<Resource> labReport(Reference subject, Reference context, ZonedDateTime collected) {
        boolean bloodCount = random.nextBoolean();
        List<LabTest> tests = SampleCodes.LABS.subList(bloodCount ? 4 : 0, bloodCount ? 7 : 4);
        DiagnosticReport report = new DiagnosticReport();
        report.setId(ids.next("DiagnosticReport"));
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.addCategory(concept(new Code("http://terminology.hl7.org/CodeSystem/v2-0074", bloodCount ? "HM" : "CH",
                bloodCount ? "Hematology" : "Chemistry")));
        report.setCode(concept(bloodCount ? SampleCodes.FULL_BLOOD_COUNT : SampleCodes.UREA_AND_ELECTROLYTES));
        report.setSubject(subject).setEncounter(context);
        report.setEffective(new DateTimeType(date(collected)));
        report.setIssued(date(collected.plusHours(3)));
        report.addPerformer(organisation(trust));
        List<Resource> resources = new ArrayList<>();
        resources.add(report);
        for (LabTest test : tests) {
            Observation result = observation(subject, context, collected, test.code(), "laboratory");
            BigDecimal value = around(random, test.low(), test.high(), test.decimals());
            result.setValue(quantity(value, test.unit(), test.unit()));
            result.addReferenceRange().setLow(quantity(BigDecimal.valueOf(test.low()), test.unit(), test.unit()))
                    .setHigh(quantity(BigDecimal.valueOf(test.high()), test.unit(), test.unit()));
            if (value.doubleValue() > test.high() || value.doubleValue() < test.low()) {
                boolean high = value.doubleValue() > test.high();
                result.addInterpretation(concept(new Code(INTERPRETATION, high ? "H" : "L", high ? "High" : "Low")));
            }
            result.setIssued(date(collected.plusHours(3)));
            report.addResult(new Reference("urn:uuid:" + result.getIdPart()));
            resources.add(result);
        }
        return resources;
    }

    private DocumentReference dischargeSummary(Reference subject, Reference context, ZonedDateTime when) {
        DocumentReference document = new DocumentReference();
        document.setId(ids.next("DocumentReference"));
        document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        document.setType(concept(SampleCodes.DISCHARGE_SUMMARY));
        document.setSubject(subject);
        document.setDate(date(when));
        document.setCustodian(organisation(trust));
        document.getContext().addEncounter(context);
        document.addContent().setAttachment(new Attachment().setContentType("application/pdf")
                .setUrl("https://docs." + trust.toLowerCase() + ".nhs.uk/discharge/" + document.getIdPart() + ".pdf")
                .setTitle("Discharge summary"));
        return document;
    }

    List<Resource> problems(Reference subject) {
        List<Resource> problems = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            Code code = pick(random, SampleCodes.CONDITIONS);
            Condition condition = new Condition();
            condition.setId(ids.next("Condition"));
            boolean resolved = random.nextInt(4) == 0;
            condition.setClinicalStatus(concept(new Code("http://terminology.hl7.org/CodeSystem/condition-clinical",
                    resolved ? "resolved" : "active", resolved ? "Resolved" : "Active")));
            condition.setVerificationStatus(concept(new Code("http://terminology.hl7.org/CodeSystem/condition-ver-status",
                    "confirmed", "Confirmed")));
            condition.addCategory(concept(new Code("http://terminology.hl7.org/CodeSystem/condition-category",
                    "problem-list-item", "Problem List Item")));
            condition.setCode(concept(code));
            condition.setSubject(subject);
            condition.setOnset(new DateTimeType(date(clock.minusDays(random.nextInt(2000)))));
            condition.setRecorder(organisationAsAuthor(practice));
            label(condition, code);
            problems.add(condition);
        }
        return problems;
    }

    List<Resource> allergies(Reference subject) {
        List<Resource> allergies = new ArrayList<>();
        int count = random.nextInt(3);
        for (int i = 0; i < count; i++) {
            AllergyIntolerance allergy = new AllergyIntolerance();
            allergy.setId(ids.next("AllergyIntolerance"));
            allergy.setClinicalStatus(concept(new Code("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active", "Active")));
            allergy.setVerificationStatus(concept(new Code("http://terminology.hl7.org/CodeSystem/allergyintolerance-verification",
                    "confirmed", "Confirmed")));
            allergy.setCode(concept(pick(random, SampleCodes.ALLERGENS)));
            allergy.setPatient(subject);
            allergy.setRecordedDate(date(clock.minusDays(random.nextInt(900))));
            allergy.addReaction().addManifestation(concept(pick(random, SampleCodes.REACTIONS)))
                    .setSeverity(AllergyIntolerance.AllergyIntoleranceSeverity.MODERATE);
            allergies.add(allergy);
        }
        return allergies;
    }

    List<Resource> prescriptions(Reference subject) {
        List<Resource> prescriptions = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            MedicationRequest request = new MedicationRequest();
            request.setId(ids.next("MedicationRequest"));
            boolean current = random.nextInt(3) > 0;
            request.setStatus(current ? MedicationRequest.MedicationRequestStatus.ACTIVE : MedicationRequest.MedicationRequestStatus.COMPLETED);
            request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
            request.setMedication(concept(pick(random, SampleCodes.MEDICINES)));
            request.setSubject(subject);
            request.setAuthoredOn(date(clock.minusDays(random.nextInt(400))));
            request.addDosageInstruction().setText(pick(random, List.of("One tablet once a day", "One capsule three times a day",
                    "Two tablets four times a day when required", "One tablet twice a day")));
            request.setRequester(organisationAsAuthor(practice));
            prescriptions.add(request);
        }
        return prescriptions;
    }

    List<Resource> immunisations(Reference subject) {
        List<Resource> immunisations = new ArrayList<>();
        int count = random.nextInt(3);
        for (int i = 0; i < count; i++) {
            boolean flu = random.nextBoolean();
            Immunization immunization = new Immunization();
            immunization.setId(ids.next("Immunization"));
            immunization.setStatus(Immunization.ImmunizationStatus.COMPLETED);
            immunization.setVaccineCode(concept(flu ? SampleCodes.FLU_VACCINE : SampleCodes.COVID_VACCINE));
            immunization.setPatient(subject);
            immunization.setOccurrence(new DateTimeType(date(clock.minusDays(random.nextInt(700)))));
            immunization.setPrimarySource(true);
            immunization.setLotNumber("BN" + (100000 + random.nextInt(900000)));
            immunisations.add(immunization);
        }
        return immunisations;
    }

    Flag safeguardingFlag(Reference subject) {
        Flag flag = new Flag();
        flag.setId(ids.next("Flag"));
        flag.setStatus(Flag.FlagStatus.ACTIVE);
        flag.setCode(concept(SampleCodes.SAFEGUARDING_FLAG));
        flag.addCategory(concept(new Code("http://terminology.hl7.org/CodeSystem/flag-category", "safety", "Safety")));
        flag.setSubject(subject);
        flag.setPeriod(new Period().setStart(date(clock.minusDays(30))));
        flag.setAuthor(organisation(practice));
        label(flag, SampleCodes.SAFEGUARDING_FLAG);
        return flag;
    }

    private Observation observation(Reference subject, Reference context, ZonedDateTime when, Code code, String category) {
        Observation observation = new Observation();
        observation.setId(ids.next("Observation"));
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(concept(new Code(OBSERVATION_CATEGORY, category, category.equals("laboratory") ? "Laboratory" : "Vital Signs")));
        observation.setCode(concept(code));
        observation.setSubject(subject).setEncounter(context);
        observation.setEffective(new DateTimeType(date(when)));
        observation.addPerformer(organisation(trust));
        return observation;
    }

    private static void label(Resource resource, Code code) {
        if (code.sensitivity() != null) {
            String system = code.sensitivity().equals("SAFEGUARDING") ? "https://fhir.openspr.org/CodeSystem/sensitivity"
                    : SampleCodes.ACT_CODE;
            resource.getMeta().addSecurity(new Coding(system, code.sensitivity(), null));
        }
    }

    private static Reference organisation(String odsCode) {
        return new Reference().setIdentifier(new Identifier().setSystem(ODS).setValue(odsCode));
    }

    private static Reference organisationAsAuthor(String odsCode) {
        return organisation(odsCode).setDisplay("Organisation " + odsCode);
    }

    private static Quantity quantity(BigDecimal value, String ucum, String unit) {
        return new Quantity().setValue(value).setUnit(unit).setSystem(SampleCodes.UCUM).setCode(ucum);
    }

    private static CodeableConcept concept(Code code) {
        return new CodeableConcept().addCoding(new Coding(code.system(), code.code(), code.display()));
    }

    private static Date date(ZonedDateTime time) {
        return Date.from(time.toInstant());
    }
}

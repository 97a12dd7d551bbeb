package org.openspr.query.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openspr.query.testing.TestRecords.NOW;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openspr.events.avro.Attachment;
import org.openspr.events.avro.CarePlanRecorded;
import org.openspr.events.avro.DocumentRecorded;
import org.openspr.events.avro.FlagRaised;
import org.openspr.events.avro.ImmunisationRecorded;
import org.openspr.events.avro.Period;
import org.openspr.events.avro.PregnancyEpisodeRecorded;
import org.openspr.events.avro.ProcedureRecorded;
import org.openspr.query.audit.AccessLog;
import org.openspr.query.auth.DevTokenIssuer;
import org.openspr.query.core.Section;
import org.openspr.query.testing.InMemoryRecords;
import org.openspr.query.testing.RecordingAuditTrail;
import org.openspr.query.testing.TestApi;
import org.openspr.query.testing.TestRecords;

@ExtendWith(DropwizardExtensionsSupport.class)
class FhirResourceTest {
    static final String PATIENT = "9434765919";
    static final FhirContext FHIR = FhirContext.forR4Cached();
    static final DevTokenIssuer ISSUER = TestApi.issuer();
    static final RecordingAuditTrail AUDIT = new RecordingAuditTrail();
    static final ResourceExtension API = TestApi.extension(new InMemoryRecords().put(fullRecord()), AccessLog.unavailable(),
            AUDIT, ISSUER);
    // ~10 s to warm: one validator for the class.
    static FhirValidator validator;

    @BeforeAll
    static void warmValidator() {
        ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(FHIR),
                new InMemoryTerminologyServerValidationSupport(FHIR), new CommonCodeSystemsTerminologyService(FHIR));
        validator = FHIR.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
    }

    static org.openspr.query.core.PatientView fullRecord() {
        Period lastYear = new Period(NOW.minusSeconds(86_400L * 365), NOW.minusSeconds(86_400L * 364));
        return TestRecords.patient(PATIENT).registeredAt("A81001")
                .encounter("RXX01", "in-progress", NOW.minusSeconds(3600), null)
                .allergy("91936005", "Penicillin allergy")
                .medication("318475005", "Amlodipine 5mg tablets")
                .condition("38341003", "Hypertension")
                .condition("35489007", "Depressive disorder", "PSY")
                .observation("1022441000000107", "Serum sodium", "140", "mmol/L", NOW.minusSeconds(86_400L * 3))
                .add(Section.PROCEDURES, "RXX01", lastYear.getStart(), ProcedureRecorded.newBuilder()
                        .setCode(TestRecords.concept("80146002", "Appendicectomy")).setStatus("completed").setPerformed(lastYear)
                        .setPerformer(null).setBodySites(List.of()).setReasons(List.of()).setOutcome(null).setNotes(List.of()).build())
                .add(Section.IMMUNISATIONS, "A81001", NOW.minusSeconds(86_400L * 100), ImmunisationRecorded.newBuilder()
                        .setVaccine(TestRecords.concept("1324681000000101", "COVID-19 vaccine")).setStatus("completed")
                        .setOccurrence(NOW.minusSeconds(86_400L * 100)).setLotNumber("AB12").setSite(null).setRoute(null)
                        .setDoseNumber("1").setTargetDiseases(List.of()).setPerformer(null).setReasonNotGiven(null)
                        .setPrimarySource(true).build())
                .add(Section.DOCUMENTS, "RXX01", NOW.minusSeconds(86_400L * 50), DocumentRecorded.newBuilder()
                        .setType(TestRecords.concept("823691000000103", "Clinical letter")).setCategories(List.of())
                        .setTitle("Discharge letter").setStatus("final").setDate(NOW.minusSeconds(86_400L * 50)).setAuthor(null)
                        .setCustodian("RXX01").setDescription(null).setContents(List.of(new Attachment("application/pdf",
                                "https://docs.example/1.pdf", "letter", 1024L, null, null), new Attachment("text/plain", null,
                                "Clinic note", null, null, "Seen in clinic; blood pressure controlled."))).build())
                .add(Section.CARE_PLANS, "A81001", NOW.minusSeconds(86_400L * 20), CarePlanRecorded.newBuilder()
                        .setTitle("Diabetes plan").setStatus("active").setIntent(null).setCategories(List.of())
                        .setPeriod(new Period(NOW.minusSeconds(86_400L * 20), null)).setDescription(null).setAddresses(List.of())
                        .setActivities(List.of(TestRecords.concept("385949008", "Dietary advice"))).build())
                .add(Section.ALERTS, "A81001", NOW.minusSeconds(86_400L * 10), FlagRaised.newBuilder()
                        .setCode(TestRecords.concept("15631000000102", "Lives alone")).setStatus("active").setCategories(List.of())
                        .setSafeguarding(false).setPeriod(new Period(NOW.minusSeconds(86_400L * 10), null)).setAuthor(null).build())
                .add(Section.MATERNITY, "A81001", NOW.minusSeconds(86_400L * 90), PregnancyEpisodeRecorded.newBuilder()
                        .setStatus("active").setPeriod(new Period(NOW.minusSeconds(86_400L * 90), null))
                        .setLastMenstrualPeriod(LocalDate.of(2026, 8, 1)).setEstimatedDeliveryDate(LocalDate.of(2027, 5, 8))
                        .setGravida(1).setParity(0).setOutcome(null).setNotes(List.of()).build())
                .build();
    }

    @Test
    void shouldProduceAnEverythingBundleThatValidatesAgainstR4() {
        Bundle bundle = everything("");

        List<String> types = bundle.getEntry().stream().map(e -> e.getResource().fhirType()).toList();
        assertThat(types).contains("Patient", "Encounter", "AllergyIntolerance", "MedicationRequest", "Condition", "Observation",
                "Procedure", "Immunization", "DocumentReference", "CarePlan", "Flag", "EpisodeOfCare");
        assertThat(types.get(0)).isEqualTo("Patient");
        assertThat(errors(bundle)).isEmpty();
        assertThat(errors(FHIR.newJsonParser().parseResource(CapabilityStatement.class,
                API.target("/fhir/metadata").request().get(String.class)))).isEmpty();
    }

    @Test
    void shouldWarnThatItemsWereWithheldWithoutSayingWhich() {
        Bundle bundle = everythingAs(ISSUER.mintStaff("rn-1", "R8001", "A81001", Duration.ofMinutes(5)), "");

        OperationOutcome outcome = (OperationOutcome) bundle.getEntry().get(bundle.getEntry().size() - 1).getResource();
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.SUPPRESSED);
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).endsWith(": 1");
        assertThat(FHIR.newJsonParser().encodeResourceToString(bundle)).doesNotContain("Depressive");
    }

    @Test
    void shouldPageWithCursorsThatNeverRepeatOrSkip() {
        List<String> all = ids(everything("")).stream().toList();
        List<String> paged = new ArrayList<>();
        String query = "?_count=3";
        int pages = 0;
        while (query != null && pages++ < 20) {
            Bundle page = everything(query);
            paged.addAll(ids(page));
            assertThat(ids(page)).hasSizeLessThanOrEqualTo(3);
            assertThat(page.getTotal()).isEqualTo(all.size());
            String next = page.getLink("next") == null ? null : page.getLink("next").getUrl();
            query = next == null ? null : next.substring(next.indexOf('?'));
        }
        assertThat(paged).doesNotHaveDuplicates().containsExactlyElementsOf(all);
        assertThat(pages).isEqualTo((all.size() + 2) / 3);
        assertThat(AUDIT.last().getItemCount()).isEqualTo(all.size() % 3 == 0 ? 3 : all.size() % 3);
    }

    @Test
    void shouldFilterByTypeAndSearchByPatient() {
        Bundle conditions = everything("?_type=Condition");
        Response search = API.target("/fhir/Observation").queryParam("patient", "Patient/" + PATIENT).request()
                .header("Authorization", "Bearer " + clinician()).get();

        assertThat(conditions.getEntry()).extracting(e -> e.getResource().fhirType()).containsOnly("Condition");
        Bundle observations = FHIR.newJsonParser().parseResource(Bundle.class, search.readEntity(String.class));
        assertThat(observations.getEntry()).extracting(e -> e.getResource().fhirType()).containsExactly("Observation");
        assertThat(errors(conditions)).isEmpty();
        assertThat(errors(observations)).isEmpty();
    }

    @Test
    void shouldAnswerErrorsWithOperationOutcomesThatValidateAgainstR4() {
        Response missingToken = API.target("/fhir/Patient/" + PATIENT + "/$everything").request().get();
        Response badCount = API.target("/fhir/Patient/" + PATIENT + "/$everything").queryParam("_count", "x").request()
                .header("Authorization", "Bearer " + clinician()).get();

        for (Response response : List.of(missingToken, badCount)) {
            OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.readEntity(String.class));
            assertThat(errors(outcome)).isEmpty();
        }
    }

    private static List<String> ids(Bundle bundle) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> !(r instanceof OperationOutcome)).map(r -> r.fhirType() + "/" + r.getIdPart()).toList();
    }

    private static Bundle everything(String query) {
        return everythingAs(clinician(), query);
    }

    private static Bundle everythingAs(String token, String query) {
        var target = API.target("/fhir/Patient/" + PATIENT + "/$everything");
        if (!query.isEmpty()) {
            for (String param : query.substring(1).split("&")) {
                String[] kv = param.split("=", 2);
                target = target.queryParam(kv[0], kv[1]);
            }
        }
        Response response = target.request().header("Authorization", "Bearer " + token).get();
        String body = response.readEntity(String.class);
        assertThat(response.getStatus()).as(body).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(Bundle.class, body);
    }

    private static String clinician() {
        return ISSUER.mintStaff("dr-1", "R8000", "A81001", Duration.ofMinutes(5));
    }

    private static List<String> errors(Resource resource) {
        return validator.validateWithResult(resource).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(SingleValidationMessage::toString).toList();
    }
}

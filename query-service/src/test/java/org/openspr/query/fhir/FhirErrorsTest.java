package org.openspr.query.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openspr.query.audit.AccessLog;
import org.openspr.query.auth.DevTokenIssuer;
import org.openspr.query.testing.InMemoryRecords;
import org.openspr.query.testing.RecordingAuditTrail;
import org.openspr.query.testing.TestApi;
import org.openspr.query.testing.TestRecords;

/** Errors under /fhir are OperationOutcomes with the right status; the same errors under /v1 stay SPR JSON. */
@ExtendWith(DropwizardExtensionsSupport.class)
class FhirErrorsTest {
    static final String PATIENT = "9434765919";
    static final String UNKNOWN = "9434765870";
    static final FhirContext FHIR = FhirContext.forR4Cached();
    static final DevTokenIssuer ISSUER = TestApi.issuer();
    static final DevTokenIssuer FORGER = TestApi.issuer();
    static final RecordingAuditTrail AUDIT = new RecordingAuditTrail();
    static final ResourceExtension API = TestApi.extension(new InMemoryRecords().put(TestRecords.patient(PATIENT)
            .registeredAt("A81001").condition("38341003", "Hypertension").build()), AccessLog.unavailable(), AUDIT, ISSUER);

    @AfterEach
    void heal() {
        AUDIT.failing(false);
    }

    @Test
    void shouldAnswerAMissingTokenWithA401LoginOutcomeAndABearerChallenge() {
        Response response = API.target("/fhir/Patient/" + PATIENT + "/$everything").request().get();

        OperationOutcome outcome = outcome(response, 401, IssueType.LOGIN, "SPR-4001");
        assertThat(response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
        assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(IssueSeverity.ERROR);
    }

    @Test
    void shouldAnswerAForgedTokenWithA401LoginOutcome() {
        outcome(everything(FORGER.mintStaff("dr-1", "R8000", "A81001", Duration.ofMinutes(5)), PATIENT).get(), 401,
                IssueType.LOGIN, "SPR-4002");
    }

    @Test
    void shouldAnswerAReadWithoutRelationshipWithA403ForbiddenOutcome() {
        outcome(everything(ISSUER.mintStaff("dr-2", "R8000", "Y99999", Duration.ofMinutes(5)), PATIENT).get(), 403,
                IssueType.FORBIDDEN, "SPR-4032");
    }

    @Test
    void shouldAnswerAnUnknownPatientWithA404NotFoundOutcome() {
        outcome(everything(clinician(), UNKNOWN).get(), 404, IssueType.NOTFOUND, "SPR-4040");
    }

    @Test
    void shouldAnswerAnUnknownFhirPathWithA404NotFoundOutcome() {
        Response response = API.target("/fhir/Patient/" + PATIENT + "/_history/1/extra").request()
                .header("Authorization", "Bearer " + clinician()).get();

        outcome(response, 404, IssueType.NOTFOUND, "HTTP-404");
    }

    @Test
    void shouldAnswerBadParametersWithA400InvalidOutcome() {
        outcome(everything(clinician(), "12345").get(), 400, IssueType.INVALID, "SPR-4042");
        outcome(API.target("/fhir/Patient/" + PATIENT + "/$everything").queryParam("_count", "ten").request()
                .header("Authorization", "Bearer " + clinician()).get(), 400, IssueType.INVALID, "SPR-4041");
        outcome(API.target("/fhir/Patient/" + PATIENT + "/$everything").queryParam("_since", "yesterday").request()
                .header("Authorization", "Bearer " + clinician()).get(), 400, IssueType.INVALID, "SPR-4041");
        outcome(API.target("/fhir/Patient/" + PATIENT + "/$everything").queryParam("_cursor", "%%%").request()
                .header("Authorization", "Bearer " + clinician()).get(), 400, IssueType.INVALID, "SPR-4041");
        outcome(API.target("/fhir/Condition").request().header("Authorization", "Bearer " + clinician()).get(), 400,
                IssueType.INVALID, "SPR-4041");
    }

    @Test
    void shouldAnswerAnUnacknowledgedAuditWithA503TransientOutcomeAndNoData() {
        AUDIT.failing(true);

        Response response = everything(clinician(), PATIENT).get();

        OperationOutcome outcome = outcome(response, 503, IssueType.TRANSIENT, "SPR-4102");
        assertThat(response.getHeaderString(HttpHeaders.RETRY_AFTER)).isNotNull();
        assertThat(FHIR.newJsonParser().encodeResourceToString(outcome)).doesNotContain("Hypertension");
    }

    @Test
    void shouldKeepSprJsonErrorsOutsideFhir() {
        Response response = API.target("/v1/patients/" + PATIENT + "/record").request().get();

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getMediaType().toString()).startsWith("application/json");
        assertThat(response.readEntity(String.class)).contains("\"code\":\"SPR-4001\"").doesNotContain("OperationOutcome");
    }

    private static Invocation.Builder everything(String token, String nhsNumber) {
        return API.target("/fhir/Patient/" + nhsNumber + "/$everything").request().header("Authorization", "Bearer " + token);
    }

    private static OperationOutcome outcome(Response response, int status, IssueType type, String code) {
        String body = response.readEntity(String.class);
        assertThat(response.getStatus()).as(body).isEqualTo(status);
        assertThat(response.getMediaType().toString()).as(body).startsWith(FhirJsonWriter.FHIR_JSON);
        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, body);
        assertThat(outcome.getIssue()).hasSize(1);
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.getIssueFirstRep();
        assertThat(issue.getCode()).isEqualTo(type);
        assertThat(issue.getSeverity()).isIn(IssueSeverity.ERROR, IssueSeverity.FATAL);
        assertThat(issue.getDiagnostics()).startsWith(code.startsWith("SPR") ? code + ":" : "");
        assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo(code);
        return outcome;
    }

    private static String clinician() {
        return ISSUER.mintStaff("dr-1", "R8000", "A81001", Duration.ofMinutes(5));
    }
}

package org.openspr.query.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openspr.query.testing.TestRecords.NOW;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openspr.audit.projection.AccessLogPage;
import org.openspr.audit.projection.AccessLogQuery;
import org.openspr.audit.projection.LogOrder;
import org.openspr.events.avro.AccessBasis;
import org.openspr.events.avro.AccessOutcome;
import org.openspr.events.avro.AuditAction;
import org.openspr.events.avro.RecordAccessed;
import org.openspr.query.audit.AccessLog;
import org.openspr.query.auth.DevTokenIssuer;
import org.openspr.query.testing.InMemoryRecords;
import org.openspr.query.testing.RecordingAuditTrail;
import org.openspr.query.testing.TestApi;
import org.openspr.query.testing.TestRecords;

@ExtendWith(DropwizardExtensionsSupport.class)
class PatientRecordResourceTest {
    static final String PATIENT = "9434765919";
    static final String OTHER = "9434765870";
    static final String OLD_NUMBER = "9000000009";
    static final String GP = "A81001";
    static final DevTokenIssuer ISSUER = TestApi.issuer();
    static final DevTokenIssuer FORGER = TestApi.issuer();
    static final RecordingAuditTrail AUDIT = new RecordingAuditTrail();
    static final List<RecordAccessed> ACCESS_LOG = new java.util.concurrent.CopyOnWriteArrayList<>();
    static final List<AccessLogQuery> LOG_QUERIES = new java.util.concurrent.CopyOnWriteArrayList<>();
    static final InMemoryRecords RECORDS = new InMemoryRecords()
            .put(TestRecords.patient(PATIENT).registeredAt(GP).allergy("91936005", "Penicillin allergy")
                    .medication("318475005", "Amlodipine 5mg tablets").condition("38341003", "Hypertension")
                    .condition("35489007", "Depressive disorder", "PSY").condition("86406008", "HIV infection", "HIV")
                    .observation("1022441000000107", "Serum sodium", "140", "mmol/L", NOW.minusSeconds(86_400L * 3)).build())
            .put(TestRecords.patient(OTHER).registeredAt("B82002").build())
            .put(TestRecords.patient(PATIENT).registeredAt(GP).requestedAs(OLD_NUMBER).build());
    static final ResourceExtension API = TestApi.extension(RECORDS, new AccessLog() {
        @Override
        public AccessLogPage accessesToPatient(String nhsNumber, AccessLogQuery query) {
            return page(ACCESS_LOG.stream().filter(e -> nhsNumber.equals(e.getPatientNhsNumber())).toList(), query);
        }

        @Override
        public AccessLogPage accessesByUser(String userId, AccessLogQuery query) {
            return page(ACCESS_LOG.stream().filter(e -> userId.equals(e.getActor().getUserId())).toList(), query);
        }

        // The log in the order asked, a page from the position after the cursor; here a cursor is a list position.
        private AccessLogPage page(List<RecordAccessed> oldestFirst, AccessLogQuery query) {
            LOG_QUERIES.add(query);
            List<RecordAccessed> ordered = new ArrayList<>(oldestFirst);
            if (query.order() == LogOrder.NEWEST_FIRST) {
                Collections.reverse(ordered);
            }
            int start = query.after() == null ? 0 : Integer.parseInt(query.after()) + 1;
            int end = Math.min(ordered.size(), start + query.limit());
            return new AccessLogPage(ordered.subList(start, end), end < ordered.size() ? Integer.toString(end - 1) : null);
        }
    }, AUDIT, ISSUER);

    @BeforeEach
    void reset() {
        AUDIT.clear();
        ACCESS_LOG.clear();
        LOG_QUERIES.clear();
        AUDIT.failing(false);
    }

    @Test
    void shouldGiveAClinicianWithARelationshipTheWholeRecordAndAuditIt() {
        Response response = get("/v1/patients/" + PATIENT + "/record", staff("dr-1", "R8000", GP)).get();

        JsonNode body = response.readEntity(JsonNode.class);
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(body.at("/access/basis").asText()).isEqualTo("LEGITIMATE_RELATIONSHIP");
        assertThat(body.at("/sections/PROBLEMS")).hasSize(3);
        assertThat(body.at("/sections/PROBLEMS/0/payload/code/codings/0/system").asText()).isEqualTo(TestRecords.SNOMED);
        assertThat(body.at("/access/withheld").isMissingNode()).isTrue();
        RecordAccessed audit = AUDIT.last();
        assertThat(audit.getOutcome()).isEqualTo(AccessOutcome.PERMITTED);
        assertThat(audit.getActor().getUserId()).isEqualTo("dr-1");
        assertThat(audit.getItemCount()).isEqualTo(7);
        assertThat(audit.getSensitivityLabelsReturned()).containsExactly("HIV", "PSY");
    }

    @Test
    void shouldShowAReceptionistDemographicsOnly() {
        JsonNode body = get("/v1/patients/" + PATIENT + "/record", staff("rec-1", "R8008", GP)).get(JsonNode.class);

        assertThat(body.at("/sections").size()).isEqualTo(1);
        assertThat(body.at("/sections/DEMOGRAPHICS")).hasSize(1);
        assertThat(body.toString()).doesNotContain("Hypertension");
    }

    @Test
    void shouldRefuseAClinicianWithoutRelationshipAndAuditTheDenial() {
        Response response = get("/v1/patients/" + PATIENT + "/record", staff("dr-2", "R8000", "Y99999")).get();

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.readEntity(JsonNode.class).get("code").asText()).isEqualTo("SPR-4032");
        assertThat(AUDIT.last().getOutcome()).isEqualTo(AccessOutcome.DENIED);
        assertThat(AUDIT.last().getItemCount()).isZero();
    }

    @Test
    void shouldGrantBreakGlassWithAReasonFlagItAndAuditTheReason() {
        Response response = get("/v1/patients/" + PATIENT + "/record", staff("dr-2", "R8000", "Y99999"))
                .header("X-Break-Glass-Reason", "Unconscious in ED, no relatives").get();

        JsonNode body = response.readEntity(JsonNode.class);
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(body.at("/access/breakGlass").asBoolean()).isTrue();
        assertThat(AUDIT.last().getBasis()).isEqualTo(AccessBasis.BREAK_GLASS);
        assertThat(AUDIT.last().getBreakGlassReason()).isEqualTo("Unconscious in ED, no relatives");
        assertThat(AUDIT.last().getPurposeOfUse().getCode()).isEqualTo("ETREAT");
    }

    @Test
    void shouldRefuseBreakGlassWithABlankReason() {
        Response response = get("/v1/patients/" + PATIENT + "/record?breakGlassReason=%20", staff("dr-2", "R8000", "Y99999")).get();

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(AUDIT.last().getOutcome()).isEqualTo(AccessOutcome.DENIED);
    }

    @Test
    void shouldWithholdSensitiveItemsFromANurseAndSaySoWithoutDetail() {
        JsonNode body = get("/v1/patients/" + PATIENT + "/record", staff("rn-1", "R8001", GP)).get(JsonNode.class);

        assertThat(body.at("/access/withheld/count").asInt()).isEqualTo(2);
        assertThat(body.at("/sections/PROBLEMS")).hasSize(1);
        assertThat(body.toString()).doesNotContain("HIV").doesNotContain("Depressive");
        assertThat(AUDIT.last().getWithheldCount()).isEqualTo(2);
    }

    @Test
    void shouldLetAPatientReadTheirOwnRecord() {
        Response response = get("/v1/me/record", ISSUER.mintPatient(PATIENT, Duration.ofMinutes(5))).get();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.readEntity(JsonNode.class).at("/access/basis").asText()).isEqualTo("PATIENT_SELF");
        assertThat(AUDIT.last().getActor().getPatientSelf()).isTrue();
    }

    @Test
    void shouldRefuseAPatientAnotherPatientsRecordAndAuditIt() {
        Response response = get("/v1/patients/" + OTHER + "/record", ISSUER.mintPatient(PATIENT, Duration.ofMinutes(5))).get();

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.readEntity(JsonNode.class).get("code").asText()).isEqualTo("SPR-4031");
        assertThat(AUDIT.last().getOutcome()).isEqualTo(AccessOutcome.DENIED);
        assertThat(AUDIT.last().getRequestedNhsNumber()).isEqualTo(OTHER);
    }

    @Test
    void shouldAnswerAMergedNumberWithTheSurvivorsRecordAndSaySo() {
        JsonNode body = get("/v1/patients/" + OLD_NUMBER + "/record", staff("dr-1", "R8000", GP)).get(JsonNode.class);

        assertThat(body.get("nhsNumber").asText()).isEqualTo(PATIENT);
        assertThat(body.get("redirected").asBoolean()).isTrue();
        assertThat(body.get("notice").asText()).contains(OLD_NUMBER).contains(PATIENT);
        assertThat(AUDIT.last().getPatientNhsNumber()).isEqualTo(PATIENT);
        assertThat(AUDIT.last().getRequestedNhsNumber()).isEqualTo(OLD_NUMBER);
    }

    @Test
    void shouldAnswerNotFoundAndAuditIt() {
        Response response = get("/v1/patients/9000000017/record", staff("dr-1", "R8000", GP)).get();

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(AUDIT.last().getOutcome()).isEqualTo(AccessOutcome.NOT_FOUND);
    }

    @Test
    void shouldRejectAnInvalidNhsNumber() {
        Response response = get("/v1/patients/1234567890/record", staff("dr-1", "R8000", GP)).get();

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.readEntity(JsonNode.class).get("code").asText()).isEqualTo("SPR-4042");
    }

    @Test
    void shouldReleaseNothingWhenTheAuditCannotBeWritten() {
        AUDIT.failing(true);

        Response response = get("/v1/patients/" + PATIENT + "/record", staff("dr-1", "R8000", GP)).get();

        String body = response.readEntity(String.class);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
        assertThat(body).contains("SPR-4102").doesNotContain("Hypertension");
    }

    @Test
    void shouldReturnTheTimelineInClinicalOrderWithinTheWindow() {
        JsonNode body = get("/v1/patients/" + PATIENT + "/timeline?from=2026-01-01&to=2026-12-31", staff("dr-1", "R8000", GP))
                .get(JsonNode.class);

        assertThat(body.get("timeline")).hasSize(2);
        assertThat(body.at("/timeline/0/type").asText()).isEqualTo("MedicationRecorded");
        assertThat(body.at("/timeline/1/type").asText()).isEqualTo("ObservationRecorded");
    }

    @Test
    void shouldRejectMissingForgedExpiredAndWrongAudienceTokensWithoutAuditing() {
        Instant now = Instant.now();
        JWTClaimsSet.Builder valid = new JWTClaimsSet.Builder().issuer(ISSUER.issuer()).subject("dr-1").claim("role", "R8000")
                .claim("ods", GP).audience(ISSUER.audience()).expirationTime(Date.from(now.plusSeconds(300)));
        String forged = FORGER.sign(valid.build());
        String expired = ISSUER.sign(valid.expirationTime(Date.from(now.minusSeconds(600))).build());
        String wrongAudience = ISSUER.sign(valid.expirationTime(Date.from(now.plusSeconds(300))).audience("another-service").build());
        String notYet = ISSUER.sign(valid.audience(ISSUER.audience()).notBeforeTime(Date.from(now.plusSeconds(600))).build());
        String wrongIssuer = ISSUER.sign(valid.notBeforeTime(null).issuer("https://evil.example").build());

        assertThat(API.target("/v1/patients/" + PATIENT + "/record").request().get().getStatus()).isEqualTo(401);
        for (String token : List.of(forged, expired, wrongAudience, notYet, wrongIssuer, "not-a-jwt")) {
            Response response = get("/v1/patients/" + PATIENT + "/record", token).get();
            assertThat(response.getStatus()).as(token).isEqualTo(401);
            assertThat(response.getHeaderString("WWW-Authenticate")).startsWith("Bearer");
            assertThat(response.readEntity(JsonNode.class).get("code").asText()).isEqualTo("SPR-4002");
        }
        assertThat(AUDIT.events()).isEmpty();
    }

    @Test
    void shouldOpenTheAuditApiToAPrivacyOfficerOnly() {
        get("/v1/patients/" + PATIENT + "/record", staff("dr-1", "R8000", GP)).get().close();
        ACCESS_LOG.add(AUDIT.last());

        Response officer = get("/v1/audit/patients/" + PATIENT, staff("po-1", "R0001", GP)).get();
        Response clinician = get("/v1/audit/users/dr-1", staff("dr-1", "R8000", GP)).get();

        assertThat(officer.getStatus()).isEqualTo(200);
        assertThat(officer.readEntity(JsonNode.class).at("/0/userId").asText()).isEqualTo("dr-1");
        assertThat(clinician.getStatus()).isEqualTo(403);
        assertThat(AUDIT.events()).extracting(RecordAccessed::getAction).contains(AuditAction.AUDIT_QUERY);
    }

    @Test
    void shouldShowAPatientWhoAccessedTheirRecord() {
        get("/v1/patients/" + PATIENT + "/record", staff("dr-1", "R8000", GP)).get().close();
        ACCESS_LOG.add(AUDIT.last());

        JsonNode log = get("/v1/me/access-log", ISSUER.mintPatient(PATIENT, Duration.ofMinutes(5))).get(JsonNode.class);

        assertThat(log.at("/0/who").asText()).isEqualTo("dr-1");
        assertThat(log.at("/0/role").asText()).isEqualTo("Clinical Practitioner Access Role");
        assertThat(log.at("/0/requestId").isMissingNode()).isTrue();
        assertThat(log.at("/0/at").isTextual()).as("ISO-8601, not epoch seconds").isTrue();
        assertThat(Instant.parse(log.at("/0/at").asText())).isEqualTo(AUDIT.last().getOccurredAt());
    }

    @Test
    void shouldListAPatientsAccessLogNewestFirstAPageAtATimeWithALinkToTheNext() {
        for (String user : List.of("dr-1", "dr-2", "dr-3")) {
            get("/v1/patients/" + PATIENT + "/record", staff(user, "R8000", GP)).get().close();
            ACCESS_LOG.add(AUDIT.last());
        }
        String patient = ISSUER.mintPatient(PATIENT, Duration.ofMinutes(5));

        List<String> who = new ArrayList<>();
        String next = "/v1/me/access-log?limit=2&from=2020-01-01";
        while (next != null) {
            Response page = get(next, patient).get();
            assertThat(page.getStatus()).isEqualTo(200);
            page.readEntity(JsonNode.class).forEach(entry -> who.add(entry.get("who").asText()));
            String link = page.getHeaderString("Link");
            next = link == null ? null : link.substring(1, link.indexOf('>'));
            if (link != null) {
                assertThat(link).startsWith("</v1/me/access-log?").endsWith(">; rel=\"next\"").contains("limit=2", "from=2020-01-01");
            }
        }

        assertThat(who).containsExactly("dr-3", "dr-2", "dr-1");
        assertThat(LOG_QUERIES).hasSize(2);
        assertThat(LOG_QUERIES).extracting(AccessLogQuery::order).containsOnly(LogOrder.NEWEST_FIRST);
        assertThat(LOG_QUERIES).extracting(AccessLogQuery::after).first().isNull();
        assertThat(LOG_QUERIES).extracting(AccessLogQuery::after).last().isNotNull();
    }

    @Test
    void shouldListTheAccessLogOldestFirstWhenAsked() {
        for (String user : List.of("dr-1", "dr-2")) {
            get("/v1/patients/" + PATIENT + "/record", staff(user, "R8000", GP)).get().close();
            ACCESS_LOG.add(AUDIT.last());
        }

        JsonNode log = get("/v1/audit/patients/" + PATIENT + "?order=oldest", staff("po-1", "R0001", GP)).get(JsonNode.class);

        assertThat(log).extracting(e -> e.get("userId").asText()).containsExactly("dr-1", "dr-2");
        assertThat(LOG_QUERIES).extracting(AccessLogQuery::order).containsExactly(LogOrder.OLDEST_FIRST);
    }

    @Test
    void shouldRejectAnUnknownOrderABadCursorAndAnEmptyWindowWith400() {
        String patient = ISSUER.mintPatient(PATIENT, Duration.ofMinutes(5));

        for (String query : List.of("order=sideways", "cursor=%25%25", "from=2026-11-24&to=2026-11-23")) {
            Response answer = get("/v1/me/access-log?" + query, patient).get();
            assertThat(answer.getStatus()).as(query).isEqualTo(400);
            assertThat(answer.readEntity(JsonNode.class).get("code").asText()).as(query).isEqualTo("SPR-4041");
        }
        assertThat(LOG_QUERIES).as("nothing is read").isEmpty();
    }

    @Test
    void shouldWriteAnItemsTimesAsIso8601LikeItsPayload() {
        JsonNode body = get("/v1/patients/" + PATIENT + "/record", staff("dr-1", "R8000", GP)).get(JsonNode.class);

        JsonNode sodium = body.at("/sections/RESULTS/0");
        assertThat(sodium.get("clinicalTime").asText()).isEqualTo(NOW.minusSeconds(86_400L * 3).toString());
        assertThat(sodium.at("/sources/0/recordedAt").isTextual()).isTrue();
        assertThat(Instant.parse(sodium.at("/sources/0/recordedAt").asText())).isEqualTo(NOW.minusSeconds(60));
    }

    private static String staff(String user, String role, String ods) {
        return ISSUER.mintStaff(user, role, ods, Duration.ofMinutes(5));
    }

    private static Invocation.Builder get(String path, String token) {
        String[] parts = path.split("\\?", 2);
        var target = API.target(parts[0]);
        if (parts.length == 2) {
            for (String param : parts[1].split("&")) {
                String[] kv = param.split("=", 2);
                target = target.queryParam(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return target.request().header("Authorization", "Bearer " + token);
    }
}

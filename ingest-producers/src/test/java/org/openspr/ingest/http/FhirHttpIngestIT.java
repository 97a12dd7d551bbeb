package org.openspr.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openspr.embedded.junit.LocalPlatformExtension;
import org.openspr.events.registry.RestSchemaRegistryClient;
import org.openspr.events.topics.Topics;
import org.openspr.ingest.fhir.FhirIngestor;
import org.openspr.ingest.support.Fixtures;
import org.openspr.ingest.support.KeepAliveHttpClient;
import org.openspr.ingest.support.TopicReader;

class FhirHttpIngestIT {
    @RegisterExtension
    static final LocalPlatformExtension platform = new LocalPlatformExtension();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static DropwizardTestSupport<IngestConfiguration> app;

    @BeforeAll
    static void start() throws Exception {
        app = new DropwizardTestSupport<>(IngestApplication.class, ResourceHelpers.resourceFilePath("ingest-it.yml"),
                ConfigOverride.config("bootstrapServers", platform.bootstrapServers()),
                ConfigOverride.config("schemaRegistryUrl", platform.schemaRegistryUrl()));
        app.before();
    }

    @AfterAll
    static void stop() {
        app.after();
    }

    /** The answer of one POST: status, Location header and body. */
    record Response(int getStatus, String location, String body) {
        String getHeaderString(String name) {
            return location;
        }
    }

    private Response post(String path, byte[] body, String contentType) {
        return send(path, HttpRequest.BodyPublishers.ofByteArray(body), contentType);
    }

    /** POSTs without a Content-Length: the client sends the body chunked, as one that streams it would. */
    private Response postChunked(String path, byte[] body, String contentType) {
        return send(path, HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)), contentType);
    }

    private Response send(String path, HttpRequest.BodyPublisher body, String contentType) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.getLocalPort() + path))
                .header("Content-Type", contentType).POST(body).build();
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Location").orElse(null), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static <T extends org.hl7.fhir.instance.model.api.IBaseResource> T parse(Response r, Class<T> type) {
        return FhirIngestor.context().newJsonParser().parseResource(type, r.body());
    }

    @Test
    void shouldAnswerATransactionWithOneResponseEntryPerRequestEntryAndPublishTheEvents() {
        byte[] bundle = Fixtures.bytes("synthea/Buster_Hoeger_ad2e3fc5-2b5d-4cb9-8d03-9ea0f4ac8423.json");
        int entries = FhirIngestor.context().newJsonParser().parseResource(Bundle.class, new String(bundle, StandardCharsets.UTF_8))
                .getEntry().size();

        Response response = post("/fhir", bundle, "application/fhir+json");

        assertThat(response.getStatus()).isEqualTo(200);
        Bundle answer = parse(response, Bundle.class);
        assertThat(answer.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
        assertThat(answer.getEntry()).hasSize(entries);
        long created = answer.getEntry().stream().filter(e -> e.getResponse().getStatus().startsWith("201")).count();
        assertThat(answer.getEntry()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).matches("201 Created|200 OK"));
        assertThat(answer.getEntry()).filteredOn(e -> e.getResponse().getStatus().startsWith("200"))
                .allSatisfy(e -> assertThat(((OperationOutcome) e.getResponse().getOutcome()).getIssueFirstRep().getDiagnostics())
                        .contains("not recorded"));
        Topics topics = Topics.create(new RestSchemaRegistryClient(platform.schemaRegistryUrl()));
        List<String> eventIds = answer.getEntry().stream().filter(e -> e.getResponse().hasLocation())
                .map(e -> e.getResponse().getLocation().substring(e.getResponse().getLocation().indexOf('/') + 1)).toList();
        assertThat(eventIds).hasSize((int) created).doesNotHaveDuplicates();
        assertThat(TopicReader.readAtLeast(platform.bootstrapServers(), topics.clinicalEvents(), (int) created, Duration.ofSeconds(60))
                .stream().map(r -> r.value().getEventId())).containsAll(eventIds);
    }

    @Test
    void shouldKeepTheGoodEntriesOfABatchAndReportTheBadOne() {
        Response response = post("/fhir", Fixtures.bytes("uk/batch_with_bad_nhs.json"), "application/fhir+json");

        assertThat(response.getStatus()).isEqualTo(200);
        Bundle answer = parse(response, Bundle.class);
        assertThat(answer.getType()).isEqualTo(Bundle.BundleType.BATCHRESPONSE);
        assertThat(answer.getEntry()).extracting(e -> e.getResponse().getStatus())
                .containsExactly("422 Unprocessable Entity", "201 Created", "200 OK");
        OperationOutcome.OperationOutcomeIssueComponent issue =
                ((OperationOutcome) answer.getEntry().get(0).getResponse().getOutcome()).getIssueFirstRep();
        assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.VALUE);
        assertThat(issue.getDiagnostics()).startsWith("SPR-1203").contains("9990000027");
        assertThat(issue.getExpression().get(0).getValue()).isEqualTo("Bundle.entry[0].resource.identifier[0].value");
    }

    @Test
    void shouldRollBackATransactionWithABadEntry() {
        Response response = post("/fhir", Fixtures.bytes("uk/transaction_with_bad_nhs.json"), "application/fhir+json");

        assertThat(response.getStatus()).isEqualTo(422);
        OperationOutcome oo = parse(response, OperationOutcome.class);
        assertThat(oo.getIssueFirstRep().getDiagnostics()).startsWith("SPR-2106");
        assertThat(oo.getIssue()).anySatisfy(i -> assertThat(i.getDiagnostics()).startsWith("SPR-1203"));
    }

    @Test
    void shouldCreateSingleResourcesAndReportNonClinicalOnesAsNotRecorded() {
        Response created = post("/fhir/Patient", Fixtures.bytes("uk/patient_uk.json"), "application/fhir+json");
        assertThat(created.getStatus()).isEqualTo(201);
        assertThat(created.getHeaderString("Location")).contains("/Patient/");

        Response claim = post("/fhir/Claim", "{\"resourceType\":\"Claim\",\"status\":\"active\"}".getBytes(StandardCharsets.UTF_8),
                "application/fhir+json");
        assertThat(claim.getStatus()).isEqualTo(200);
        assertThat(parse(claim, OperationOutcome.class).getIssueFirstRep().getDiagnostics()).contains("Claim not recorded");

        Response wrongType = post("/fhir/Observation", Fixtures.bytes("uk/patient_uk.json"), "application/fhir+json");
        assertThat(wrongType.getStatus()).isEqualTo(400);
        assertThat(parse(wrongType, OperationOutcome.class).getIssueFirstRep().getDiagnostics()).startsWith("SPR-2103");
    }

    @Test
    void shouldAnswerBadInputWithAnOperationOutcomeAndServeTheNextRequest() {
        assertError(post("/fhir", "{not json".getBytes(StandardCharsets.UTF_8), "application/fhir+json"), 400, "SPR-2101");
        assertError(post("/fhir", ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8), "application/json"), 400,
                "SPR-2102");
        String deepXml = "<Patient xmlns=\"http://hl7.org/fhir\">" + "<extension url=\"x\">".repeat(20_000) + "</extension>".repeat(20_000)
                + "</Patient>";
        assertError(post("/fhir/Patient", deepXml.getBytes(StandardCharsets.UTF_8), "application/fhir+xml"), 400, "SPR-2102");
        byte[] latin1 = "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"M\u00fcller\"}]}".getBytes(StandardCharsets.ISO_8859_1);
        assertError(post("/fhir/Patient", latin1, "application/fhir+json"), 400, "SPR-2002");
        assertError(post("/fhir", new byte[6_000_000], "application/fhir+json"), 413, "SPR-2001");
        assertError(post("/fhir", "{\"resourceType\":\"Bundle\",\"type\":\"collection\"}".getBytes(StandardCharsets.UTF_8),
                "application/fhir+json"), 400, "SPR-2104");
        assertError(post("/fhir", "hello".getBytes(StandardCharsets.UTF_8), "text/plain"), 415, "SPR-2005");

        assertThat(post("/fhir/Patient", Fixtures.bytes("uk/patient_uk.json"), "application/fhir+json").getStatus()).isEqualTo(201);
    }

    @Test
    void shouldTakeABodySentChunkedWithoutALengthAsItTakesOneWithALength() {
        byte[] bundle = Fixtures.bytes("synthea/Buster_Hoeger_ad2e3fc5-2b5d-4cb9-8d03-9ea0f4ac8423.json");

        Response chunked = postChunked("/fhir", bundle, "application/fhir+json");
        Response sized = post("/fhir", bundle, "application/fhir+json");

        assertThat(chunked.getStatus()).isEqualTo(200);
        assertThat(parse(chunked, Bundle.class).getEntry()).hasSameSizeAs(parse(sized, Bundle.class).getEntry());
        assertError(postChunked("/fhir", new byte[6_000_000], "application/fhir+json"), 413, "SPR-2001");
        assertThat(postChunked("/fhir/Patient", Fixtures.bytes("uk/patient_uk.json"), "application/fhir+json").getStatus()).isEqualTo(201);
    }

    @Test
    void shouldKeepTheConnectionOfARefusedRequestWhoseBodyWasStillArriving() throws Exception {
        byte[] patient = Fixtures.bytes("uk/patient_uk.json");
        try (KeepAliveHttpClient client = new KeepAliveHttpClient("127.0.0.1", app.getLocalPort())) {
            Duration patience = Duration.ofMillis(300); // how long the sender waits for an early answer before sending the rest

            assertThat(client.postInTwoParts("/fhir/Patient/extra/path", "application/fhir+json", patient, patience).status()).isEqualTo(404);
            assertThat(client.postInTwoParts("/fhir", "text/plain", patient, patience).status()).isEqualTo(415);
            assertThat(client.post("/fhir/Patient", "application/fhir+json", patient).status()).isEqualTo(201);

            assertThat(client.connections()).isEqualTo(1); // no connection closed under the sender
        }
    }

    @Test
    void shouldAnswerUnknownPathsAndMethodsWithAnOperationOutcome() throws Exception {
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.getLocalPort() + "/fhir")).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertError(new Response(get.statusCode(), null, get.body()), 405, "SPR-2007");
        assertError(post("/fhir/Patient/extra/path", Fixtures.bytes("uk/patient_uk.json"), "application/fhir+json"), 404, "SPR-2007");
    }

    private static void assertError(Response response, int status, String code) {
        assertThat(response.getStatus()).isEqualTo(status);
        List<OperationOutcome.OperationOutcomeIssueComponent> issues = parse(response, OperationOutcome.class).getIssue();
        assertThat(issues.get(0).getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        assertThat(issues.get(0).getDiagnostics()).startsWith(code);
    }
}

package org.openspr.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openspr.embedded.junit.LocalPlatformExtension;
import org.openspr.embedded.kafka.FreePorts;
import org.openspr.events.avro.AccessOutcome;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.RecordAccessed;
import org.openspr.events.nhs.NhsNumber;
import org.openspr.events.registry.RestSchemaRegistryClient;
import org.openspr.events.topics.Topics;
import org.openspr.projector.app.ProjectorConfig;
import org.openspr.projector.app.RecordProjectorApp;
import org.openspr.projector.record.RecordStores;
import org.openspr.query.QueryServiceConfiguration;
import org.openspr.query.auth.DevTokenIssuer;
import org.openspr.query.cli.EmbeddedQueryService;
import org.openspr.query.cli.StreamsBindings;
import org.openspr.query.core.RecordEntry;
import org.openspr.query.testing.AuditTopicReader;
import org.openspr.query.testing.TestConfig;
import org.openspr.query.testing.TestRecords;

/**
 * The service on a real broker: two projector instances splitting the partitions, each with its query service, answer
 * for each other's patients (forwarding, audited once by the owner); and with the audit topic unreachable a read is a
 * 503 with nothing in it.
 */
class QueryServiceIT {
    @RegisterExtension
    static final LocalPlatformExtension PLATFORM = new LocalPlatformExtension();
    static final int PATIENTS = 12;
    static final String APP_ID = "spr-record-projector-it";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final List<String> NHS_NUMBERS = new ArrayList<>();
    static final List<AutoCloseable> CLOSE = new ArrayList<>();
    static int portA;
    static int portB;
    static RecordProjectorApp projectorA;
    static RecordProjectorApp projectorB;
    static Path issuerDir;
    static DevTokenIssuer issuer;
    static Topics topics;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        topics = Topics.create(new RestSchemaRegistryClient(PLATFORM.schemaRegistryUrl()));
        issuerDir = PLATFORM.dataDir().resolve("dev-issuer");
        issuer = DevTokenIssuer.open(issuerDir);
        portA = FreePorts.next();
        portB = FreePorts.next();
        projectorA = projector("a", portA);
        projectorB = projector("b", portB);
        publishRecords();
        query(projectorA, portA, PLATFORM.bootstrapServers(), "localhost:" + portA);
        query(projectorB, portB, PLATFORM.bootstrapServers(), "localhost:" + portB);
        for (String nhsNumber : NHS_NUMBERS) {
            awaitTrue(() -> get(portA, nhsNumber, UUID.randomUUID().toString()).statusCode() == 200, Duration.ofSeconds(90));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (int i = CLOSE.size() - 1; i >= 0; i--) {
            CLOSE.get(i).close();
        }
    }

    @Test
    void shouldAnswerEveryPatientFromEitherInstanceWhoeverOwnsIt() throws Exception {
        Set<Integer> owners = new HashSet<>();
        for (String nhsNumber : NHS_NUMBERS) {
            owners.add(ownerPort(nhsNumber));
            HttpResponse<String> fromA = get(portA, nhsNumber, UUID.randomUUID().toString());
            HttpResponse<String> fromB = get(portB, nhsNumber, UUID.randomUUID().toString());

            assertThat(fromA.statusCode()).as(fromA.body()).isEqualTo(200);
            assertThat(fromB.statusCode()).as(fromB.body()).isEqualTo(200);
            assertThat(fromA.body()).contains("\"nhsNumber\":\"" + nhsNumber + "\"").contains("Hypertension");
            assertThat(fromB.body()).contains("\"nhsNumber\":\"" + nhsNumber + "\"").contains("Hypertension");
        }
        assertThat(owners).as("both instances own some patients").containsExactlyInAnyOrder(portA, portB);
    }

    @Test
    void shouldAuditAForwardedReadOnceOnTheOwner() throws Exception {
        String nhsNumber = NHS_NUMBERS.stream().filter(n -> ownerPort(n) == portB).findFirst().orElseThrow();
        String requestId = "it-" + UUID.randomUUID();

        HttpResponse<String> response = get(portA, nhsNumber, requestId);

        assertThat(response.statusCode()).isEqualTo(200);
        List<RecordAccessed> events = auditEvents(requestId);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getOutcome()).isEqualTo(AccessOutcome.PERMITTED);
        assertThat(events.get(0).getObserver()).isEqualTo("query-service");
        assertThat(events.get(0).getPatientNhsNumber()).isEqualTo(nhsNumber);
    }

    @Test
    void shouldAnswerAnEmptySectionOfAnExistingRecordAsEmptyAndOnlyAMissingRecordAsNotFound() throws Exception {
        String nhsNumber = NHS_NUMBERS.get(0);
        String patient = issuer.mintPatient(nhsNumber, Duration.ofMinutes(5));
        String clinician = issuer.mintStaff("dr-it", "R8000", "A81001", Duration.ofMinutes(5));

        HttpResponse<String> ownResults = getAs(portA, "/v1/me/record?sections=RESULTS", patient);
        HttpResponse<String> observations = getAs(portB, "/fhir/Observation?patient=" + nhsNumber, patient);
        HttpResponse<String> immunisations = getAs(portA, "/v1/patients/" + nhsNumber + "/record?sections=IMMUNISATIONS", clinician);
        HttpResponse<String> nobody = getAs(portA, "/v1/patients/" + NhsNumber.testNumber(899_999) + "/record", clinician);

        assertThat(ownResults.statusCode()).as(ownResults.body()).isEqualTo(200);
        assertThat(ownResults.body()).contains("\"RESULTS\":[]");
        assertThat(observations.statusCode()).as(observations.body()).isEqualTo(200);
        assertThat(observations.body()).contains("\"total\":0");
        assertThat(immunisations.statusCode()).as(immunisations.body()).isEqualTo(200);
        assertThat(immunisations.body()).contains("\"IMMUNISATIONS\":[]");
        assertThat(nobody.statusCode()).as(nobody.body()).isEqualTo(404);
    }

    @Test
    void shouldAnswer503AndReleaseNothingWhenTheAuditTopicCannotBeWritten() throws Exception {
        // The audit producer of this instance points at a port where no broker listens, so its events can never be
        // acknowledged; the record stores stay healthy. Stopping the shared broker instead would also stop the
        // projector and the registry, and the 503 would then prove nothing about the audit path.
        int deadPort = FreePorts.next();
        int port = FreePorts.next();
        QueryServiceConfiguration config = EmbeddedQueryService.shippedConfiguration();
        config.audit.ackTimeout = io.dropwizard.util.Duration.seconds(1);
        EmbeddedQueryService noAudit = start(config, projectorA, port, "localhost:" + deadPort, null);
        String nhsNumber = NHS_NUMBERS.stream().filter(n -> ownerPort(n) == portA).findFirst().orElseThrow();

        HttpResponse<String> response = get(port, nhsNumber, UUID.randomUUID().toString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.body()).contains("SPR-4102").doesNotContain("Hypertension").doesNotContain("Smith");
        noAudit.close();
        CLOSE.remove(noAudit);
    }

    static RecordProjectorApp projector(String name, int port) {
        RecordProjectorApp app = new RecordProjectorApp(ProjectorConfig.local(PLATFORM.bootstrapServers(),
                PLATFORM.schemaRegistryUrl(), APP_ID, PLATFORM.dataDir().resolve("projector-" + name))
                .withApplicationServer("localhost:" + port)).start();
        CLOSE.add(app);
        return app;
    }

    static void query(RecordProjectorApp projector, int port, String auditBootstrap, String applicationServer) throws Exception {
        start(EmbeddedQueryService.shippedConfiguration(), projector, port, auditBootstrap, applicationServer);
    }

    static EmbeddedQueryService start(QueryServiceConfiguration config, RecordProjectorApp projector, int port,
                                      String auditBootstrap, String applicationServer) throws Exception {
        TestConfig.onKafka(config, auditBootstrap, PLATFORM.schemaRegistryUrl(), issuerDir, port);
        EmbeddedQueryService service = EmbeddedQueryService.start(config,
                new StreamsBindings(projector.streams(), null, applicationServer));
        CLOSE.add(service);
        return service;
    }

    static void publishRecords() {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PLATFORM.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, ClinicalEvent> producer = new KafkaProducer<>(props, new StringSerializer(),
                topics.clinicalEvents().valueSerde().serializer())) {
            for (int i = 0; i < PATIENTS; i++) {
                String nhsNumber = NhsNumber.testNumber(1000 + i * 7919L);
                NHS_NUMBERS.add(nhsNumber);
                for (RecordEntry entry : TestRecords.patient(nhsNumber).registeredAt("A81001")
                        .condition("38341003", "Hypertension").allergy("91936005", "Penicillin allergy").build().entries()) {
                    producer.send(new ProducerRecord<>(topics.clinicalEvents().name(), nhsNumber, entry.current()));
                }
            }
            producer.flush();
        }
    }

    static int ownerPort(String nhsNumber) {
        return projectorA.streams().queryMetadataForKey(RecordStores.RECORD_ITEMS, nhsNumber, new StringSerializer())
                .activeHost().port();
    }

    static HttpResponse<String> get(int port, String nhsNumber, String requestId) {
        return getAs(port, "/v1/patients/" + nhsNumber + "/record", issuer.mintStaff("dr-it", "R8000", "A81001", Duration.ofMinutes(5)),
                requestId);
    }

    static HttpResponse<String> getAs(int port, String pathAndQuery, String token) {
        return getAs(port, pathAndQuery, token, UUID.randomUUID().toString());
    }

    static HttpResponse<String> getAs(int port, String pathAndQuery, String token, String requestId) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                    .header("Authorization", "Bearer " + token)
                    .header("X-Request-Id", requestId).timeout(Duration.ofSeconds(20)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<RecordAccessed> auditEvents(String requestId) {
        // The event was acknowledged before the response, so it is there; read to the end to see any duplicate.
        return AuditTopicReader.eventsOf(PLATFORM.bootstrapServers(), topics, Set.of(requestId)).getOrDefault(requestId, List.of());
    }

    static void awaitTrue(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }
}

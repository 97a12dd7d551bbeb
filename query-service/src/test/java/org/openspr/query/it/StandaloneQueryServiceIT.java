package org.openspr.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openspr.audit.app.AuditLedgerApp;
import org.openspr.audit.app.AuditLedgerConfig;
import org.openspr.audit.ledger.SigningKeys;
import org.openspr.embedded.junit.LocalPlatformExtension;
import org.openspr.embedded.kafka.FreePorts;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.nhs.NhsNumber;
import org.openspr.events.registry.RestSchemaRegistryClient;
import org.openspr.events.topics.Topics;
import org.openspr.query.QueryServiceApplication;
import org.openspr.query.QueryServiceConfiguration;
import org.openspr.query.auth.DevTokenIssuer;
import org.openspr.query.cli.EmbeddedDropwizard;
import org.openspr.query.cli.EmbeddedQueryService;
import org.openspr.query.cli.StandaloneBindings;
import org.openspr.query.core.RecordEntry;
import org.openspr.query.testing.TestRecords;

/**
 * The query service as deployed apart from the audit stream ({@code QueryServiceApplication server}, as in docker/):
 * it runs its own projector instance, advertises itself without {@code kafka.applicationServer} being set, and answers
 * a patient's access log from its own replica of the audit stream's output. A second instance, also without the
 * setting, then shares the patients with the first, and each answers all of them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneQueryServiceIT {
    @RegisterExtension
    static final LocalPlatformExtension PLATFORM = new LocalPlatformExtension();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PATIENT = NhsNumber.testNumber(4242);
    static final List<AutoCloseable> CLOSE = new ArrayList<>();
    static DevTokenIssuer issuer;
    static int port;

    @BeforeAll
    static void startTheAuditStreamAndAStandaloneQueryService() throws Exception {
        issuer = DevTokenIssuer.open(PLATFORM.dataDir().resolve("dev-issuer"));
        CLOSE.add(new AuditLedgerApp(AuditLedgerConfig.local(PLATFORM.bootstrapServers(), PLATFORM.schemaRegistryUrl(),
                PLATFORM.dataDir().resolve("audit"), SigningKeys.generate())).start().awaitRunning(Duration.ofSeconds(90)));
        port = FreePorts.next();
        CLOSE.add(startInstance(port, "query-service"));
        publishRecord();
    }

    @AfterAll
    static void stop() throws Exception {
        for (int i = CLOSE.size() - 1; i >= 0; i--) {
            CLOSE.get(i).close();
        }
    }

    @Test
    @Order(1)
    void shouldAnswerARecordAndThenShowThePatientWhoReadIt() throws Exception {
        String clinician = issuer.mintStaff("dr-standalone", "R8000", "A81001", Duration.ofMinutes(5));
        String patient = issuer.mintPatient(PATIENT, Duration.ofMinutes(5));

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> record = get("/v1/patients/" + PATIENT + "/record", clinician);
            assertThat(record.statusCode()).as(record.body()).isEqualTo(200);
            assertThat(record.body()).contains("Hypertension");
        });
        for (int i = 0; i < 3; i++) { // a log of several pages
            assertThat(get("/v1/patients/" + PATIENT + "/record", clinician).statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> log = get("/v1/me/access-log", patient);
            assertThat(log.statusCode()).as(log.body()).isEqualTo(200);
            assertThat(log.body()).contains("\"who\":\"dr-standalone\"").contains("\"outcome\":\"PERMITTED\"");
            assertThat(JSON.readTree(log.body()).findValuesAsText("outcome")).filteredOn("PERMITTED"::equals).hasSizeGreaterThanOrEqualTo(4);
        });

        // Newest first, one entry a page, following the next links: the patient's own reads of the log that have been
        // projected yet, then the clinician's (those while the record was still being projected too), each once.
        long clinicianEntries = JSON.readTree(get("/v1/me/access-log", patient).body()).findValuesAsText("who").stream()
                .filter("dr-standalone"::equals).count();
        List<String> who = new ArrayList<>();
        String next = "/v1/me/access-log?limit=1";
        while (next != null && who.size() < 200) {
            HttpResponse<String> page = get(next, patient);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonNode entries = JSON.readTree(page.body());
            assertThat(entries).hasSize(1);
            who.add(entries.get(0).get("who").asText());
            next = page.headers().firstValue("Link").map(link -> {
                assertThat(link).endsWith(">; rel=\"next\"").contains("limit=1").contains("cursor=");
                return link.substring(1, link.indexOf('>'));
            }).orElse(null);
        }
        assertThat(next).as("the log ends").isNull();
        assertThat(who).isSubsetOf("you", "dr-standalone").hasSizeGreaterThanOrEqualTo(4).last().isEqualTo("dr-standalone");
        assertThat(who.subList(who.indexOf("dr-standalone"), who.size())).as("newest first").containsOnly("dr-standalone")
                .hasSize((int) clinicianEntries);
    }

    @Test
    @Order(2)
    void shouldAnswerEveryPatientFromEitherOfTwoInstancesThatAdvertiseThemselvesByHostName() throws Exception {
        int second = FreePorts.next();
        CLOSE.add(startInstance(second, "query-service-2")); // joins the projector group: the partitions are shared out
        List<String> patients = java.util.stream.LongStream.range(0, 12).mapToObj(n -> NhsNumber.testNumber(5000 + n)).toList();
        publishRecords(patients);
        String clinician = issuer.mintStaff("dr-two", "R8000", "A81001", Duration.ofMinutes(5));

        // each instance answers every patient: its own from its stores, the other's forwarded to the host name it advertised
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (int apiPort : List.of(port, second)) {
                for (String patient : patients) {
                    HttpResponse<String> record = get(apiPort, "/v1/patients/" + patient + "/record", clinician);
                    assertThat(record.statusCode()).as(apiPort + " " + patient + ": " + record.body()).isEqualTo(200);
                    assertThat(record.body()).contains("Hypertension");
                }
            }
        });
    }

    /** A standalone query service with the shipped configuration: {@code kafka.applicationServer} unset. */
    static AutoCloseable startInstance(int apiPort, String dataDir) throws Exception {
        QueryServiceConfiguration config = EmbeddedQueryService.shippedConfiguration();
        config.kafka.bootstrapServers = PLATFORM.bootstrapServers();
        config.kafka.schemaRegistryUrl = PLATFORM.schemaRegistryUrl();
        config.kafka.dataRoot = PLATFORM.dataDir().resolve(dataDir).toString();
        config.auth.devIssuerDataDir = PLATFORM.dataDir().resolve("dev-issuer").toString();
        ((HttpConnectorFactory) ((DefaultServerFactory) config.getServerFactory()).getAdminConnectors().get(0)).setPort(0);
        return EmbeddedDropwizard.start(new QueryServiceApplication(new StandaloneBindings()) {
            @Override
            protected void bootstrapLogging() {
                // the test's logging stays
            }
        }, config, apiPort);
    }

    static void publishRecord() {
        publishRecords(List.of(PATIENT));
    }

    static void publishRecords(List<String> patients) {
        Topics topics = Topics.create(new RestSchemaRegistryClient(PLATFORM.schemaRegistryUrl()));
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PLATFORM.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, ClinicalEvent> producer = new KafkaProducer<>(props, new StringSerializer(),
                topics.clinicalEvents().valueSerde().serializer())) {
            for (String patient : patients) {
                for (RecordEntry entry : TestRecords.patient(patient).registeredAt("A81001").condition("38341003", "Hypertension")
                        .build().entries()) {
                    producer.send(new ProducerRecord<>(topics.clinicalEvents().name(), patient, entry.current()));
                }
            }
            producer.flush();
        }
    }

    static HttpResponse<String> get(String path, String token) throws Exception {
        return get(port, path, token);
    }

    static HttpResponse<String> get(int apiPort, String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + apiPort + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}

package org.openspr.query.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dropwizard.core.setup.Environment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openspr.embedded.junit.LocalPlatformExtension;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.registry.RestSchemaRegistryClient;
import org.openspr.events.topics.Topics;
import org.openspr.projector.app.ProjectorConfig;
import org.openspr.projector.app.RecordProjectorApp;
import org.openspr.query.QueryServiceConfiguration;
import org.openspr.query.ServiceBindings;
import org.openspr.query.audit.AccessLog;
import org.openspr.query.audit.AuditTrail;
import org.openspr.query.auth.DevTokenIssuer;
import org.openspr.query.cli.EmbeddedQueryService;
import org.openspr.query.cli.StreamsBindings;
import org.openspr.query.core.RecordEntry;
import org.openspr.query.core.RecordSource;
import org.openspr.query.testing.TestRecords;

/**
 * Load benchmark of the read API, on loopback, against the real broker and the projector's RocksDB stores: req/s, p50
 * and p99 at concurrency 1 and 8, with the fail-closed audit and with a fire-and-forget audit (bench-only) to get the
 * audit overhead, for (1) a clinician's full record of about 100 items ({@code /v1/.../record}) and (2) FHIR
 * {@code Patient/$everything} over 16 Synthea-sized patients (300 items, about 600 KB each, one page). Bounded per
 * benchmark: 3 rounds x 4 runs x (3 s warm-up + 8 s). Run with {@code mvn -B -pl query-service -am verify -Dtest=NONE
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=RecordReadBenchmarkIT
 * -Dspr.bench=true}; {@code -Dspr.bench.only=record} or {@code =everything} runs one of them.
 */
@EnabledIfSystemProperty(named = "spr.bench", matches = "true")
class RecordReadBenchmarkIT {
    @RegisterExtension
    static final LocalPlatformExtension PLATFORM = new LocalPlatformExtension();
    static final String PATIENT = "9434765919";
    static final int ROUNDS = Integer.getInteger("spr.bench.rounds", 3);
    static final Duration WARM_UP = Duration.ofSeconds(3);
    static final Duration MEASURED = Duration.ofSeconds(Integer.getInteger("spr.bench.seconds", 8));
    static final String ONLY = System.getProperty("spr.bench.only", "");
    static final List<String> EVERYTHING_PATIENTS = SyntheaSizedRecords.nhsNumbers(16);
    static RecordProjectorApp projector;
    static FireAndForgetAuditTrail unsafe;
    static EmbeddedQueryService audited;
    static EmbeddedQueryService unaudited;
    static String token;

    @BeforeAll
    static void startPlatform() throws Exception {
        Topics topics = Topics.create(new RestSchemaRegistryClient(PLATFORM.schemaRegistryUrl()));
        Map<String, List<RecordEntry>> records = new java.util.LinkedHashMap<>();
        records.put(PATIENT, benchRecord());
        EVERYTHING_PATIENTS.forEach(p -> records.put(p, SyntheaSizedRecords.patient(p)));
        publish(topics, records);
        projector = new RecordProjectorApp(ProjectorConfig.local(PLATFORM.bootstrapServers(), PLATFORM.schemaRegistryUrl(),
                "spr-record-projector-bench", PLATFORM.dataDir().resolve("projector"))).start();
        unsafe = new FireAndForgetAuditTrail(PLATFORM.bootstrapServers(), topics.auditEvents());
        DevTokenIssuer issuer = DevTokenIssuer.open(PLATFORM.dataDir().resolve("issuer"));
        StreamsBindings streams = new StreamsBindings(projector.streams(), null, null);
        audited = start(streams, issuer);
        unaudited = start(new SwappedAudit(streams, unsafe), issuer);
        token = issuer.mintStaff("bench", "R8000", SyntheaSizedRecords.PRACTICE, Duration.ofHours(1));
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        for (AutoCloseable running : new AutoCloseable[] {audited, unaudited, unsafe, projector}) {
            if (running != null) {
                running.close();
            }
        }
    }

    @Test
    void shouldMeasureAuditedFullRecordReads() throws Exception {
        assumeTrue(ONLY.isEmpty() || ONLY.equals("record"));
        String path = "/v1/patients/" + PATIENT + "/record";
        int bytes = awaitBody(uri(audited, path), body -> body.split("\"itemId\"").length - 1 >= benchRecord().size());
        measure("full record: " + benchRecord().size() + " items, " + String.format("%,d", bytes) + " bytes",
                List.of(uri(audited, path)), List.of(uri(unaudited, path)));
    }

    @Test
    void shouldMeasureAuditedEverythingReads() throws Exception {
        assumeTrue(ONLY.isEmpty() || ONLY.equals("everything"));
        int items = SyntheaSizedRecords.patient(EVERYTHING_PATIENTS.get(0)).size();
        List<String> paths = EVERYTHING_PATIENTS.stream().map(p -> "/fhir/Patient/" + p + "/$everything").toList();
        int bytes = 0;
        for (String path : paths) {
            bytes = Math.max(bytes, awaitBody(uri(audited, path), body -> body.contains("\"total\":" + items + ",")));
        }
        measure("FHIR $everything: " + paths.size() + " patients, " + items + " items, up to " + String.format("%,d", bytes)
                + " bytes each", paths.stream().map(p -> uri(audited, p)).toList(), paths.stream().map(p -> uri(unaudited, p)).toList());
    }

    private static void measure(String what, List<URI> auditedUris, List<URI> unauditedUris) throws InterruptedException {
        // One JIT warm-up for both services before any measured round, so rounds compare like with like.
        LoadDriver.run(auditedUris, token, 8, Duration.ofSeconds(15), Duration.ofSeconds(1));
        LoadDriver.run(unauditedUris, token, 8, Duration.ofSeconds(15), Duration.ofSeconds(1));
        String loadBefore = loadAverage();
        Map<String, List<LoadDriver.Result>> results = new java.util.LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (int c : new int[] {1, 8}) {
                results.computeIfAbsent("audited c=" + c, k -> new ArrayList<>()).add(LoadDriver.run(auditedUris, token, c, WARM_UP, MEASURED));
                results.computeIfAbsent("no-wait c=" + c, k -> new ArrayList<>()).add(LoadDriver.run(unauditedUris, token, c, WARM_UP, MEASURED));
            }
        }
        System.out.printf("%nBENCH %s; %d rounds of %s, medians; load average before %s, after %s%n", what, ROUNDS, MEASURED,
                loadBefore, loadAverage());
        for (var entry : results.entrySet()) {
            entry.getValue().forEach(r -> System.out.println("BENCH   run " + entry.getKey() + ": " + r));
            System.out.printf("BENCH %-12s %,8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  cpu %5.2f ms/req%n", entry.getKey(),
                    median(entry.getValue(), LoadDriver.Result::perSecond), median(entry.getValue(), LoadDriver.Result::p50),
                    median(entry.getValue(), LoadDriver.Result::p99), median(entry.getValue(), LoadDriver.Result::cpuMsPerRequest));
        }
        for (int c : new int[] {1, 8}) {
            double ratio = median(results.get("no-wait c=" + c), LoadDriver.Result::perSecond)
                    / median(results.get("audited c=" + c), LoadDriver.Result::perSecond);
            System.out.printf("BENCH audit overhead c=%d: throughput no-wait/audited = %.2f%n", c, ratio);
        }
        assertThat(results.values().stream().flatMap(List::stream).mapToLong(LoadDriver.Result::errors).sum()).isZero();
    }

    private static URI uri(EmbeddedQueryService service, String path) {
        return URI.create("http://localhost:" + service.port() + path);
    }

    /** A GP record of about 100 items: the size of a long-standing patient's summary. */
    static List<RecordEntry> benchRecord() {
        TestRecords builder = TestRecords.patient(PATIENT).registeredAt("A81001");
        for (int i = 0; i < 10; i++) {
            builder.encounter("A81001", "finished", TestRecords.NOW.minusSeconds(86_400L * (30 + i * 40)),
                    TestRecords.NOW.minusSeconds(86_400L * (30 + i * 40) - 1800));
            builder.condition("3834100" + i, "Condition " + i);
            builder.medication("31847500" + i, "Medication " + i);
            builder.allergy("9193600" + i, "Allergy " + i);
            for (int j = 0; j < 6; j++) {
                builder.observation("10224410000001" + i + j, "Result " + i + "/" + j, String.valueOf(130 + j), "mmol/L",
                        TestRecords.NOW.minusSeconds(86_400L * (i * 30 + j)));
            }
        }
        return builder.build().entries();
    }

    static void publish(Topics topics, Map<String, List<RecordEntry>> records) {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", PLATFORM.bootstrapServers()))) {
            new org.openspr.events.topics.TopicProvisioner(admin, (short) 1).ensure(Topics.definitions());
        }
        try (KafkaProducer<String, ClinicalEvent> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                PLATFORM.bootstrapServers()), new StringSerializer(), topics.clinicalEvents().valueSerde().serializer())) {
            records.forEach((patient, record) -> record.forEach(
                    e -> producer.send(new ProducerRecord<>(topics.clinicalEvents().name(), patient, e.current()))));
        }
    }

    static EmbeddedQueryService start(ServiceBindings bindings, DevTokenIssuer issuer) throws Exception {
        QueryServiceConfiguration config = EmbeddedQueryService.shippedConfiguration();
        config.kafka.bootstrapServers = PLATFORM.bootstrapServers();
        config.kafka.schemaRegistryUrl = PLATFORM.schemaRegistryUrl();
        config.auth.devIssuerDataDir = PLATFORM.dataDir().resolve("issuer").toString();
        // Set to 0 to measure without the caches (verified tokens, encoded FHIR resources, rendered /v1 items, decoded items).
        config.auth.verifiedTokenCacheSize = Integer.getInteger("spr.bench.tokenCache", config.auth.verifiedTokenCacheSize);
        config.fhir.encodedResourceCacheMegabytes = Integer.getInteger("spr.bench.fhirCacheMb", config.fhir.encodedResourceCacheMegabytes);
        config.renderedItemCacheMegabytes = Integer.getInteger("spr.bench.itemCacheMb", config.renderedItemCacheMegabytes);
        config.decodedItemCacheMegabytes = Integer.getInteger("spr.bench.decodedCacheMb", config.decodedItemCacheMegabytes);
        config.audit.lingerMs = Integer.getInteger("spr.bench.auditLingerMs", config.audit.lingerMs);
        var server = (io.dropwizard.core.server.DefaultServerFactory) config.getServerFactory();
        ((io.dropwizard.jetty.HttpConnectorFactory) server.getApplicationConnectors().get(0)).setPort(0);
        ((io.dropwizard.jetty.HttpConnectorFactory) server.getAdminConnectors().get(0)).setPort(0);
        // Request logs would measure the disk, not the service.
        server.setRequestLogFactory(new io.dropwizard.request.logging.LogbackAccessRequestLogFactory() {
            @Override
            public boolean isEnabled() {
                return false;
            }
        });
        return EmbeddedQueryService.start(config, bindings);
    }

    static int awaitBody(URI uri, java.util.function.Predicate<String> complete) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && complete.test(response.body())) {
                return response.body().length();
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new AssertionError(uri + " not complete within 120 s");
    }

    // The machine is shared: numbers mean little without the load they were taken under.
    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    static double median(List<LoadDriver.Result> results, Function<LoadDriver.Result, Double> metric) {
        List<Double> values = results.stream().map(metric).sorted(Comparator.naturalOrder()).toList();
        return values.get(values.size() / 2);
    }

    /** The projector bindings with the bench-only audit trail. */
    record SwappedAudit(StreamsBindings streams, AuditTrail trail) implements ServiceBindings {
        @Override
        public RecordSource records(QueryServiceConfiguration config, Environment environment) {
            return streams.records(config, environment);
        }

        @Override
        public AccessLog accessLog(QueryServiceConfiguration config, Environment environment) {
            return streams.accessLog(config, environment);
        }

        @Override
        public AuditTrail auditTrail(QueryServiceConfiguration config, Environment environment) {
            return trail;
        }
    }
}

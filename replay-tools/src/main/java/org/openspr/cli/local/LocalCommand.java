package org.openspr.cli.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.openspr.audit.app.AuditLedgerApp;
import org.openspr.audit.app.AuditLedgerConfig;
import org.openspr.audit.ledger.SigningKeys;
import org.openspr.cli.token.LocalLayout;
import org.openspr.embedded.LocalPlatform;
import org.openspr.events.topics.TopicProvisioner;
import org.openspr.events.topics.Topics;
import org.openspr.ingest.http.IngestApplication;
import org.openspr.ingest.http.IngestConfiguration;
import org.openspr.projector.app.ProjectorConfig;
import org.openspr.projector.app.ServingProjector;
import org.openspr.query.cli.EmbeddedQueryService;
import org.openspr.query.cli.StreamsBindings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spr local}: the whole platform in one process on a persistent data directory: Kafka broker and schema
 * registry, ingest (FHIR over HTTP, HL7 v2 over MLLP), the record projector, the audit ledger and the query
 * service. Prints one line with "ready" once everything answers; Ctrl-C stops it cleanly, in reverse order;
 * started again on the same directory it finds all its data.
 */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Run the whole platform locally in one process: Kafka (KRaft), schema registry, ingest (HTTP + MLLP), "
                + "record projector, audit ledger and query service, on a persistent data directory.")
public final class LocalCommand implements Callable<Integer> {
    /** Serves until {@code spr rebuild} switches the record projection to a rebuilt application id. */
    static final String PROJECTOR_APPLICATION_ID = ProjectorConfig.DEFAULT_APPLICATION_ID;

    @Option(names = "--data-dir", defaultValue = "${env:SPR_DATA_DIR:-.spr-data}",
            description = "Where everything lives (broker log, stores, keys). Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Option(names = "--http-port", defaultValue = "8080", description = "Query service (clinician, patient, FHIR read, audit APIs). Default: ${DEFAULT-VALUE}")
    int httpPort;

    @Option(names = "--ingest-port", defaultValue = "8090", description = "FHIR ingest HTTP port (POST /fhir). Default: ${DEFAULT-VALUE}")
    int ingestPort;

    @Option(names = "--mllp-port", defaultValue = "2575", description = "HL7 v2 MLLP port. Default: ${DEFAULT-VALUE}")
    int mllpPort;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka client port. Default: ${DEFAULT-VALUE}")
    int kafkaPort;

    @Option(names = "--controller-port", defaultValue = "9093", description = "KRaft controller port. Default: ${DEFAULT-VALUE}")
    int controllerPort;

    @Option(names = "--registry-port", defaultValue = "8081", description = "Schema registry HTTP port. Default: ${DEFAULT-VALUE}")
    int registryPort;

    @Option(names = "--with-sample-data", description = "On first start, load generated UK-shaped sample patients (see --sample-patients).")
    boolean withSampleData;

    @Option(names = "--sample-patients", defaultValue = "25", description = "How many sample patients --with-sample-data loads. Default: ${DEFAULT-VALUE}")
    int samplePatients;

    private final Deque<AutoCloseable> running = new ArrayDeque<>();

    @Override
    public Integer call() throws Exception {
        Path root = dataDir.toAbsolutePath().normalize();
        System.out.println("spr local: starting with data directory " + root);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("spr local: stopping");
            stopAll();
            System.out.println("spr local: stopped; data kept in " + root);
            stopped.countDown();
        }, "spr-local-shutdown"));

        LocalPlatform platform = started(LocalPlatform.start(root, kafkaPort, controllerPort, registryPort));
        String kafka = platform.bootstrapServers();
        String registry = platform.schemaRegistryUrl();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            List<String> created = new TopicProvisioner(admin, (short) 1).ensure(Topics.definitions());
            if (!created.isEmpty()) {
                System.out.println("spr local: created topics " + String.join(", ", created));
            }
        }

        EmbeddedDropwizard ingest = started(EmbeddedDropwizard.start(new IngestApplication(), ingestConfig(kafka, registry), ingestPort));
        ServingProjector projector = started(new ServingProjector(ProjectorConfig.local(kafka, registry, PROJECTOR_APPLICATION_ID,
                root.resolve("projector")).withApplicationServer("127.0.0.1:" + httpPort), Duration.ofMinutes(30)).start());
        projector.onSwitch(id -> System.out.println("spr local: record projection switched to " + id));
        AuditLedgerApp audit = started(new AuditLedgerApp(AuditLedgerConfig.local(kafka, registry, root.resolve("audit").resolve("state"),
                SigningKeys.readOrGenerate(LocalLayout.auditSigningKey(root)))).start());
        awaitRunning(projector, audit);
        EmbeddedQueryService query = started(EmbeddedQueryService.start(kafka, registry, httpPort, LocalLayout.issuerDir(root),
                new StreamsBindings(projector, new AuditStreamAccessLog(audit.reader()), "127.0.0.1:" + httpPort)));

        if (withSampleData) {
            new SampleDataLoader(root, kafka, registry).loadOnce(samplePatients);
        }
        System.out.printf("spr local: ready http=http://127.0.0.1:%d fhir-ingest=http://127.0.0.1:%d/fhir mllp=127.0.0.1:%d "
                        + "kafka=%s schema-registry=%s data=%s%n", query.port(), ingest.port(), mllpPort, kafka, registry, root);
        stopped.await();
        return 0;
    }

    private IngestConfiguration ingestConfig(String kafka, String registry) {
        IngestConfiguration config = new IngestConfiguration();
        config.bootstrapServers = kafka;
        config.schemaRegistryUrl = registry;
        config.mllpPort = mllpPort;
        config.sourceSystem = "spr-local";
        return config;
    }

    private static void awaitRunning(ServingProjector projector, AuditLedgerApp audit) throws InterruptedException {
        if (!projector.awaitRunning(Duration.ofMinutes(3))) {
            throw new IllegalStateException("the record projector did not reach RUNNING within 3 minutes");
        }
        audit.awaitRunning(Duration.ofMinutes(3));
    }

    private <T extends AutoCloseable> T started(T component) {
        synchronized (running) {
            running.push(component);
        }
        return component;
    }

    private void stopAll() {
        synchronized (running) {
            while (!running.isEmpty()) {
                AutoCloseable component = running.pop();
                try {
                    component.close();
                } catch (Exception e) {
                    System.err.println("spr local: " + component.getClass().getSimpleName() + " did not stop cleanly: " + e);
                }
            }
        }
    }
}

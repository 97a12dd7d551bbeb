package org.openspr.cli.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
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
import org.openspr.query.audit.ReaderAccessLog;
import org.openspr.query.cli.EmbeddedDropwizard;
import org.openspr.query.cli.EmbeddedQueryService;
import org.openspr.query.cli.StreamsBindings;

/**
 * The whole platform in this process on one data directory: Kafka broker and schema registry, ingest (FHIR over HTTP,
 * HL7 v2 over MLLP), the record projector (following {@code spr rebuild}'s switches), the audit ledger and the query
 * service. Started in dependency order, closed in reverse. Used by {@code spr local} and {@code spr bench}.
 */
public final class LocalStack implements AutoCloseable {
    /** Serves until {@code spr rebuild} switches the record projection to a rebuilt application id. */
    static final String PROJECTOR_APPLICATION_ID = ProjectorConfig.DEFAULT_APPLICATION_ID;
    /**
     * The projector and the audit stream are static members of their consumer groups: after a crash (no clean close, so
     * the members never left) the restarted stack takes their partitions back at once instead of after the 45 s
     * consumer session timeout. One stack per data directory, so the id is never used twice at once.
     */
    static final Map<String, String> STATIC_MEMBER = Map.of(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), "spr-local");

    /** The ports the stack listens on. */
    public record Ports(int http, int ingest, int mllp, int kafka, int controller, int registry) {
    }

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final Path root;
    private final Ports ports;
    private String bootstrapServers;
    private String schemaRegistryUrl;
    private ServingProjector projector;
    private AuditLedgerApp audit;
    private EmbeddedQueryService query;
    private EmbeddedDropwizard ingest;

    private LocalStack(Path root, Ports ports) {
        this.root = root;
        this.ports = ports;
    }

    /** Starts everything; on failure stops what had started and rethrows. */
    public static LocalStack start(Path root, Ports ports, PrintStream log) throws Exception {
        LocalStack stack = new LocalStack(root, ports);
        try {
            stack.startAll(log);
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(PrintStream log) throws Exception {
        LocalPlatform platform = started(LocalPlatform.start(root, ports.kafka(), ports.controller(), ports.registry()));
        bootstrapServers = platform.bootstrapServers();
        schemaRegistryUrl = platform.schemaRegistryUrl();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            List<String> created = new TopicProvisioner(admin, (short) 1).ensure(Topics.definitions());
            if (!created.isEmpty()) {
                log.println("spr local: created topics " + String.join(", ", created));
            }
        }
        ingest = started(EmbeddedDropwizard.start(new IngestApplication() {
            @Override
            protected void bootstrapLogging() {
                // spr local's own logging stays (operator lines on stdout, logs on stderr)
            }
        }, ingestConfig(), ports.ingest()));
        projector = started(new ServingProjector(ProjectorConfig.local(bootstrapServers, schemaRegistryUrl, PROJECTOR_APPLICATION_ID,
                root.resolve("projector")).withApplicationServer("127.0.0.1:" + ports.http()).withClientProperties(STATIC_MEMBER),
                Duration.ofMinutes(30)).start());
        projector.onSwitch(id -> log.println("spr local: record projection switched to " + id));
        audit = started(new AuditLedgerApp(AuditLedgerConfig.local(bootstrapServers, schemaRegistryUrl, root.resolve("audit").resolve("state"),
                SigningKeys.readOrGenerate(LocalLayout.auditSigningKey(root))).withStreamsOverrides(Map.copyOf(STATIC_MEMBER))).start());
        if (!projector.awaitRunning(Duration.ofMinutes(3))) {
            throw new IllegalStateException("the record projector did not reach RUNNING within 3 minutes");
        }
        audit.awaitRunning(Duration.ofMinutes(3));
        query = started(EmbeddedQueryService.start(bootstrapServers, schemaRegistryUrl, ports.http(), LocalLayout.issuerDir(root),
                new StreamsBindings(projector, new ReaderAccessLog(audit.reader()), "127.0.0.1:" + ports.http())));
    }

    private IngestConfiguration ingestConfig() {
        IngestConfiguration config = new IngestConfiguration();
        config.bootstrapServers = bootstrapServers;
        config.schemaRegistryUrl = schemaRegistryUrl;
        config.mllpPort = ports.mllp();
        config.sourceSystem = "spr-local";
        return config;
    }

    public Path root() {
        return root;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String schemaRegistryUrl() {
        return schemaRegistryUrl;
    }

    public ServingProjector projector() {
        return projector;
    }

    public int httpPort() {
        return query.port();
    }

    public int ingestPort() {
        return ingest.port();
    }

    public int mllpPort() {
        return ports.mllp();
    }

    private <T extends AutoCloseable> T started(T component) {
        synchronized (running) {
            running.push(component);
        }
        return component;
    }

    /** Stops everything in reverse order of starting; problems are reported on stderr, the rest still stops. */
    @Override
    public void close() {
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

package org.openspr.audit.app;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.openspr.audit.ledger.CheckpointSigner;
import org.openspr.audit.projection.AuditLogReader;
import org.openspr.events.registry.RestSchemaRegistryClient;
import org.openspr.events.topics.TopicDefinition;
import org.openspr.events.topics.TopicProvisioner;
import org.openspr.events.topics.Topics;

/**
 * Runs the audit stream (ledger, projections, alerts) in this process: what the all-in-one {@code spr} process
 * embeds. {@link #start()} creates missing topics and starts Kafka Streams on the existing state (never cleans it
 * up); {@link #close()} leaves the consumer group so the next start does not wait out the session timeout.
 */
public final class AuditLedgerApp implements AutoCloseable {
    /** Topics this app reads or writes; created if missing. */
    public static final List<TopicDefinition> TOPICS = List.of(Topics.AUDIT_EVENTS, Topics.AUDIT_EVENTS_DEAD_LETTERS,
            Topics.AUDIT_LEDGER, Topics.AUDIT_CHECKPOINTS, Topics.AUDIT_ACCESS_LOG, Topics.AUDIT_EVENTS_BY_USER, Topics.AUDIT_ALERTS);

    private final AuditLedgerConfig config;
    private RunningStreams streams;

    public AuditLedgerApp(AuditLedgerConfig config) {
        this.config = config;
    }

    public synchronized AuditLedgerApp start() {
        if (streams != null) {
            return this;
        }
        try (Admin admin = Admin.create(adminProperties())) {
            new TopicProvisioner(admin, config.replicationFactor()).ensure(TOPICS);
        }
        Topics topics = Topics.create(new RestSchemaRegistryClient(config.schemaRegistryUrl()));
        CheckpointSigner signer = new CheckpointSigner(config.signingKey());
        streams = new RunningStreams("Audit stream", config.ledgerOnly() ? AuditTopology.buildLedgerTopology(topics, signer, config.checkpoints())
                : AuditTopology.buildTopology(topics, signer, config.checkpoints(), config.alertRules()), streamsProperties());
        return this;
    }

    /** Blocks until the app has finished restoring and is processing, or throws SPR-5003. */
    public AuditLedgerApp awaitRunning(Duration timeout) {
        streams.awaitRunning(timeout);
        return this;
    }

    /** Reader over this instance's access-log stores, for the query service's access-log and auditor endpoints. */
    public AuditLogReader reader() {
        return AuditLogReader.over(streams.streams());
    }

    public KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.CREATED : streams.streams().state();
    }

    // The admin client that creates missing topics gets the overrides an admin client knows (security settings).
    Map<String, Object> adminProperties() {
        Map<String, Object> props = new HashMap<>();
        config.streamsOverrides().forEach((name, value) -> {
            if (AdminClientConfig.configNames().contains(name)) { // includes the ssl.* and sasl.* settings
                props.put(name, value);
            }
        });
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        return props;
    }

    Properties streamsProperties() {
        Properties props = new Properties();
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.replicationFactor());
        // One transaction per second instead of ten: several times the throughput on 2 cores (see the benchmark);
        // audit entries become visible in the ledger within about a second, well inside any checkpoint interval.
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        // An undecodable audit event goes to the dead-letter topic (with Streams' error headers) instead of stopping
        // the ledger; Streams counts it in its dropped-records metric.
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class.getName());
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.AUDIT_EVENTS_DEAD_LETTERS.name());
        props.putAll(config.streamsOverrides()); // tuning and security settings; then what the ledger's guarantees rest on
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        // The ledger's chain state, its output and the input offsets must commit together.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return props;
    }

    @Override
    public synchronized void close() {
        if (streams != null) {
            streams.close();
            streams = null;
        }
    }
}

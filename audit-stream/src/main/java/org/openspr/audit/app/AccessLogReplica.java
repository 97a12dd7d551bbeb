package org.openspr.audit.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.openspr.audit.projection.AccessLogReplicaTopology;
import org.openspr.audit.projection.AuditLogReader;
import org.openspr.events.registry.RestSchemaRegistryClient;
import org.openspr.events.topics.Topics;

/**
 * Keeps a read replica of the access logs in this process ({@link AccessLogReplicaTopology}) for a service that runs
 * apart from the audit stream: a standalone query-service instance answers {@code GET /v1/me/access-log} and the
 * auditors' calls from it. Until the replica has caught up with the topics at start, reads fail with SPR-5201 (retry).
 */
public final class AccessLogReplica implements AutoCloseable {
    /** The Streams application id: only global stores, so instances share it without sharing any work. */
    public static final String APPLICATION_ID = "spr-access-log-replica";

    private final String bootstrapServers;
    private final String schemaRegistryUrl;
    private final Path stateDir;
    private final Map<String, String> clientProperties;
    private RunningStreams streams;

    /**
     * @param stateDir         where this instance keeps the replica (RocksDB); rebuilt from the topics when lost
     * @param clientProperties security settings for a real cluster (they cannot change the application id or state dir)
     */
    public AccessLogReplica(String bootstrapServers, String schemaRegistryUrl, Path stateDir, Map<String, String> clientProperties) {
        this.bootstrapServers = bootstrapServers;
        this.schemaRegistryUrl = schemaRegistryUrl;
        this.stateDir = stateDir;
        this.clientProperties = Map.copyOf(clientProperties);
    }

    public synchronized AccessLogReplica start() {
        if (streams != null) {
            return this;
        }
        Topics topics = Topics.create(new RestSchemaRegistryClient(schemaRegistryUrl));
        streams = new RunningStreams("Access-log replica", AccessLogReplicaTopology.buildTopology(topics), properties());
        return this;
    }

    /** Blocks until the replica has caught up and is following the topics, or throws SPR-5003. */
    public AccessLogReplica awaitRunning(Duration timeout) {
        streams.awaitRunning(timeout);
        return this;
    }

    /** RUNNING while the replica follows the topics; ERROR once its global thread has died (reads then answer 503). */
    public KafkaStreams.State state() {
        return streams.streams().state();
    }

    /** Reads both access logs from the replica. */
    public AuditLogReader reader() {
        return AuditLogReader.over(streams.streams());
    }

    Properties properties() {
        Properties props = new Properties();
        // an undecodable audit event is the audit stream's to dead-letter; the replica skips it (and counts it)
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class.getName());
        props.putAll(clientProperties);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
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

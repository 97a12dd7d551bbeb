package org.openspr.projector.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.openspr.events.errors.SprException;
import org.openspr.projector.ProjectorErrorCode;
import org.openspr.projector.errors.DeadLetterDeserializationHandler;
import org.openspr.projector.errors.DeadLetterProcessingHandler;
import org.openspr.projector.errors.DeadLetterProductionHandler;
import org.openspr.projector.errors.DeadLetters;

/**
 * Everything a record projector instance needs to run.
 *
 * @param bootstrapServers  Kafka bootstrap servers
 * @param schemaRegistryUrl schema registry base URL
 * @param applicationId     Streams application id: names the consumer group, internal topics and state; a new id
 *                          rebuilds every view from the start of the log
 * @param dataRoot          data root; Streams state lives in {@code <dataRoot>/streams} next to the broker's data
 * @param standbyReplicas   warm copies of each store on other instances (0 on a single machine)
 * @param streamThreads     processing threads in this instance
 * @param replicationFactor replication factor of the topics and internal topics this instance creates
 * @param applicationServer {@code host:port} this instance answers interactive queries on, or null if it does not
 * @param commitInterval    how often a transaction commits (exactly-once): longer means fewer, bigger transactions and
 *                          more throughput, but events wait up to this long between the identity and the projection
 *                          sub-topologies (read_committed), so it adds to accept-to-visible latency
 * @param clientProperties  extra Kafka client properties for every client of the instance (Streams, admin, the
 *                          projection control topic), e.g. {@code security.protocol}, {@code sasl.*}, {@code ssl.*};
 *                          they cannot override the settings the projector's guarantees rest on (exactly-once,
 *                          application id, state directory, handlers)
 */
public record ProjectorConfig(String bootstrapServers, String schemaRegistryUrl, String applicationId, Path dataRoot,
                              int standbyReplicas, int streamThreads, short replicationFactor, String applicationServer,
                              Duration commitInterval, Map<String, String> clientProperties) {

    /** Default application id of the record projector. */
    public static final String DEFAULT_APPLICATION_ID = "spr-record-projector";
    /** Kafka Streams' own default under exactly-once. */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);

    public ProjectorConfig {
        require(bootstrapServers != null && !bootstrapServers.isBlank(), "bootstrapServers is required");
        require(schemaRegistryUrl != null && !schemaRegistryUrl.isBlank(), "schemaRegistryUrl is required");
        require(applicationId != null && !applicationId.isBlank(), "applicationId is required");
        require(dataRoot != null, "dataRoot is required");
        require(standbyReplicas >= 0, "standbyReplicas must be >= 0");
        require(streamThreads >= 1, "streamThreads must be >= 1");
        require(replicationFactor >= 1, "replicationFactor must be >= 1");
        require(commitInterval != null && !commitInterval.isNegative() && !commitInterval.isZero(), "commitInterval must be positive");
        clientProperties = clientProperties == null ? Map.of() : Map.copyOf(clientProperties);
    }

    /** A single-machine configuration: no standbys, one thread, replication factor 1, no query endpoint. */
    public static ProjectorConfig local(String bootstrapServers, String schemaRegistryUrl, String applicationId, Path dataRoot) {
        return new ProjectorConfig(bootstrapServers, schemaRegistryUrl, applicationId, dataRoot, 0, 1, (short) 1, null,
                DEFAULT_COMMIT_INTERVAL, Map.of());
    }

    public ProjectorConfig withStandbyReplicas(int standbys) {
        return new ProjectorConfig(bootstrapServers, schemaRegistryUrl, applicationId, dataRoot, standbys, streamThreads,
                replicationFactor, applicationServer, commitInterval, clientProperties);
    }

    /** The same projector under another application id: its own consumer group, internal topics and state. */
    public ProjectorConfig withApplicationId(String id) {
        return new ProjectorConfig(bootstrapServers, schemaRegistryUrl, id, dataRoot, standbyReplicas, streamThreads,
                replicationFactor, applicationServer, commitInterval, clientProperties);
    }

    public ProjectorConfig withStreamThreads(int threads) {
        return new ProjectorConfig(bootstrapServers, schemaRegistryUrl, applicationId, dataRoot, standbyReplicas, threads,
                replicationFactor, applicationServer, commitInterval, clientProperties);
    }

    public ProjectorConfig withApplicationServer(String hostPort) {
        return new ProjectorConfig(bootstrapServers, schemaRegistryUrl, applicationId, dataRoot, standbyReplicas, streamThreads,
                replicationFactor, hostPort, commitInterval, clientProperties);
    }

    public ProjectorConfig withCommitInterval(Duration interval) {
        return new ProjectorConfig(bootstrapServers, schemaRegistryUrl, applicationId, dataRoot, standbyReplicas, streamThreads,
                replicationFactor, applicationServer, interval, clientProperties);
    }

    /** The same projector with these extra client properties (security settings for a real cluster). */
    public ProjectorConfig withClientProperties(Map<String, String> properties) {
        return new ProjectorConfig(bootstrapServers, schemaRegistryUrl, applicationId, dataRoot, standbyReplicas, streamThreads,
                replicationFactor, applicationServer, commitInterval, properties);
    }

    /** Properties for a plain client of the cluster (admin, consumer, producer): bootstrap servers and the extras. */
    public Map<String, Object> adminProperties() {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    public Path stateDir() {
        return dataRoot.resolve("streams");
    }

    /** Streams properties; the dead-letter counter is passed to the handlers as a configuration object. */
    public Properties streamsProperties(DeadLetters deadLetters) {
        Properties props = new Properties();
        // Tunables, which client properties may override. Each event becomes several records (repartition, changelogs,
        // view change) across many partitions: compressed, larger batches cut the broker's work per event.
        // ProjectorThroughputBench (2 threads, 5 runs of 100k): 13,919 -> 20,363 events/s median.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 128 * 1024);
        // A task reads the clinical events and two repartition topics, which are mostly empty. Nothing here relies on
        // Streams aligning timestamps across them (events wait for their identity link in the parking lot, and the
        // record rules do not depend on arrival order), so a task never idles waiting for an empty input; Kafka
        // 4.3 also formats a diagnostic message for every empty input on every such check when idling is enabled.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        props.putAll(clientProperties); // then the settings the guarantees rest on, which cannot be overridden
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir().toString());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
        props.put(DeadLetters.CONFIG_KEY, deadLetters);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // The log is the source of truth: a new application id starts from its beginning.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        if (applicationServer != null) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        }
        return props;
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new SprException(ProjectorErrorCode.INVALID_CONFIGURATION, problem);
        }
    }
}

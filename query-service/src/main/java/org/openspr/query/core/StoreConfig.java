package org.openspr.query.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.HashMap;
import java.util.Map;

/** Where the service finds Kafka, the registry and the projector's stores ({@code kafka:}). */
public class StoreConfig {
    /** Kafka bootstrap servers, e.g. localhost:9092. */
    @NotEmpty
    @JsonProperty
    public String bootstrapServers = "localhost:9092";

    /**
     * Extra Kafka client properties for every client of the service (the audit producer, the standalone projector and
     * its control-topic client): security settings for a real cluster, e.g. {@code security.protocol: SASL_SSL},
     * {@code sasl.mechanism}, {@code sasl.jaas.config}, {@code ssl.truststore.location}. They cannot override the
     * settings the service's guarantees rest on (acks=all, idempotence, exactly-once).
     */
    @NotNull
    @JsonProperty
    public Map<String, String> clientProperties = new HashMap<>();

    /** Schema registry URL, e.g. http://localhost:8081. */
    @NotEmpty
    @JsonProperty
    public String schemaRegistryUrl = "http://localhost:8081";

    /** How long a client is told to wait (Retry-After) when the stores are rebalancing or restoring. */
    @Min(1)
    @JsonProperty
    public int retryAfterSeconds = 1;

    /**
     * This instance's HTTP host:port as other instances reach it; it is the projector Streams instance's
     * {@code application.server}. Unset, a standalone instance advertises this host's name and its API port.
     */
    @JsonProperty
    public String applicationServer;

    /**
     * Standalone deployment only ({@code QueryServiceApplication main}): application id of the record projector this
     * service runs in-process to own its share of the record stores. All instances use the same id. It serves until
     * {@code spr rebuild} switches the projection (topic {@code spr.control.projections}); then the switched-to id is
     * used, also after a restart.
     */
    @NotEmpty
    @JsonProperty
    public String projectorApplicationId = "spr-record-projector";

    /**
     * Standalone deployment only: where the in-process projector keeps its RocksDB state, and ({@code access-log/}) the
     * instance's replica of the access logs, rebuilt from the topics when lost.
     */
    @NotEmpty
    @JsonProperty
    public String dataRoot = "./data/query-service";

    /** Standalone deployment only: how long a switched-to (rebuilt) projection may take to restore its stores. */
    @NotNull
    @JsonProperty
    public Duration projectionRestoreTimeout = Duration.minutes(30);

    /** Timeout of a request forwarded to the instance that owns a patient. */
    @NotNull
    @JsonProperty
    public Duration forwardTimeout = Duration.seconds(5);
}

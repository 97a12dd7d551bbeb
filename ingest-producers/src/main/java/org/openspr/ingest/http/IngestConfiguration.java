package org.openspr.ingest.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.util.DataSize;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.openspr.ingest.IngestSettings;
import org.openspr.ingest.map.SourceDefaults;
import org.openspr.ingest.mllp.MllpSettings;
import org.openspr.ingest.publish.PublisherSettings;

/** Configuration of the ingest service (YAML, environment variables substituted). Every option says what it is for. */
public class IngestConfiguration extends Configuration {
    /** Kafka bootstrap servers. */
    @NotBlank
    @JsonProperty
    public String bootstrapServers = "localhost:9092";

    /** Schema registry URL for the Avro events. */
    @NotBlank
    @JsonProperty
    public String schemaRegistryUrl = "http://localhost:8081";

    /** Prefix of the transactional ids; unique per ingest instance and stable across its restarts. */
    @NotBlank
    @JsonProperty
    public String transactionalIdPrefix = "spr-ingest";

    /** Parallel transactional producers. */
    @Min(1)
    @Max(32)
    @JsonProperty
    public int publishLanes = 2;

    /**
     * How long a sender waits for its message's commit before it is told to re-send (MLLP {@code AR}, HTTP 503
     * SPR-2302). Longer than a broker failover (about 10 s with Kafka's default {@code broker.session.timeout.ms}) means
     * a sender waits out a crashed broker instead of re-sending; shorter frees an interface engine's queue sooner.
     */
    @Min(1)
    @Max(600)
    @JsonProperty
    public int publishTimeoutSeconds = 30;

    /** Source system name when a message does not say (FHIR meta.source, HL7 MSH-3/4). */
    @NotBlank
    @JsonProperty
    public String sourceSystem = "spr-ingest";

    /** ODS code of the organisation feeding this instance, when a message does not say. */
    @NotBlank
    @JsonProperty
    public String odsCode = "UNKNOWN";

    /** Largest accepted message (HTTP body or MLLP frame), bytes. */
    @Min(1024)
    @JsonProperty
    public int maxMessageBytes = 8 * 1024 * 1024;

    /** MLLP port; 0 = any free port, negative = no MLLP listener. */
    @JsonProperty
    public int mllpPort = 2575;

    /**
     * Concurrent MLLP connections (one I/O thread reads them all; an idle one costs a socket and a few KB). A national
     * endpoint takes feeds from many trusts at once, and more connections also mean larger group commits (see README,
     * "Where performance stands").
     */
    @Min(1)
    @JsonProperty
    public int mllpMaxConnections = 256;

    /** Idle MLLP connections are closed after this many seconds. */
    @Min(1)
    @JsonProperty
    public int mllpReadTimeoutSeconds = 60;

    /** Give patients without an NHS number a deterministic 999 test number. Test data only; off by default. */
    @JsonProperty
    public boolean assignTestNhsNumbers;

    /**
     * Extra Kafka client settings for a real cluster, given to the transactional producers and the topic admin client:
     * security ({@code security.protocol: SASL_SSL}, {@code sasl.mechanism}, {@code sasl.jaas.config},
     * {@code ssl.truststore.location}, ...) and producer tuning. They cannot change the exactly-once settings.
     */
    @JsonProperty
    public Map<String, String> kafkaClientProperties = new HashMap<>();

    /** Create missing topics at start (replication factor 1: for a local single broker). */
    @JsonProperty
    public boolean provisionTopics = true;

    static final int INPUT_BUFFER_KIB = 64;

    /**
     * The HTTP connector reads request bodies from the socket {@value #INPUT_BUFFER_KIB} KiB at a time, not Dropwizard's
     * 8: FHIR bundles run to megabytes, and each read is a system call (1.02-1.07x the FHIR resources per second in the
     * ingest benchmark, connectors alternated in one JVM; 256 KiB did no better). A YAML {@code server} section replaces
     * this default server, so its connectors say {@code inputBufferSize: 64KiB} themselves (see
     * {@code docker/config/ingest.yml}).
     */
    public IngestConfiguration() {
        ((HttpConnectorFactory) ((DefaultServerFactory) getServerFactory()).getApplicationConnectors().get(0))
                .setInputBufferSize(DataSize.kibibytes(INPUT_BUFFER_KIB));
    }

    public IngestSettings ingestSettings() {
        PublisherSettings publisher = new PublisherSettings(bootstrapServers, transactionalIdPrefix, publishLanes, 500,
                Duration.ofSeconds(publishTimeoutSeconds), kafkaClientProperties);
        return new IngestSettings(schemaRegistryUrl, publisher, new SourceDefaults(sourceSystem, odsCode), assignTestNhsNumbers,
                provisionTopics, (short) 1);
    }

    public MllpSettings mllpSettings() {
        return new MllpSettings("0.0.0.0", mllpPort, mllpMaxConnections, maxMessageBytes, Duration.ofSeconds(mllpReadTimeoutSeconds));
    }
}

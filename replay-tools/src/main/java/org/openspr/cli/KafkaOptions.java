package org.openspr.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.openspr.events.errors.SprException;
import org.openspr.events.registry.RestSchemaRegistryClient;
import picocli.CommandLine.Option;

/** Where the cluster is: mixed into every command that talks to Kafka, so each works against a real cluster too. */
public final class KafkaOptions {
    private static final int DEFAULT_API_TIMEOUT_MS = 15_000;

    @Option(names = "--bootstrap-servers", defaultValue = "${env:SPR_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "Kafka bootstrap servers. Default: ${DEFAULT-VALUE} (env SPR_BOOTSTRAP_SERVERS)")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", defaultValue = "${env:SPR_SCHEMA_REGISTRY_URL:-http://127.0.0.1:8081}",
            description = "Schema registry URL(s), comma-separated. Default: ${DEFAULT-VALUE} (env SPR_SCHEMA_REGISTRY_URL)")
    String schemaRegistryUrl;

    @Option(names = "--kafka-config", description = "Extra Kafka client property, e.g. security.protocol=SSL (repeatable).")
    Map<String, String> extra = new HashMap<>();

    /** Options for a known cluster (used when a command drives another in-process, e.g. {@code spr bench}). */
    public static KafkaOptions of(String bootstrapServers, String schemaRegistryUrl) {
        KafkaOptions options = new KafkaOptions();
        options.bootstrapServers = bootstrapServers;
        options.schemaRegistryUrl = schemaRegistryUrl;
        return options;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String schemaRegistryUrl() {
        return schemaRegistryUrl;
    }

    /** The extra client properties alone ({@code --kafka-config}). */
    public Map<String, String> extraProperties() {
        return Map.copyOf(extra);
    }

    /** Client properties: bootstrap servers plus any extra ones (security settings for a real cluster). */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>(extra);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    public Admin admin() {
        Map<String, Object> props = clientProperties();
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, DEFAULT_API_TIMEOUT_MS);
        // the admin client refuses a request timeout longer than the API timeout
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(10_000, apiTimeoutMs()));
        return Admin.create(props);
    }

    /**
     * Fails with {@link CliErrorCode#KAFKA_UNREACHABLE}, naming the bootstrap servers, when the cluster does not answer
     * within the admin client's {@code default.api.timeout.ms} (15 s unless {@code --kafka-config} sets it); without
     * this a command would fail later with a bare timeout that names nothing.
     */
    public void requireReachable() {
        long timeoutMs = apiTimeoutMs();
        try (Admin admin = admin()) {
            admin.describeCluster().clusterId().get(timeoutMs + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SprException(e, CliErrorCode.KAFKA_UNREACHABLE, bootstrapServers, seconds(timeoutMs), " (interrupted)");
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            String detail = cause instanceof org.apache.kafka.common.errors.TimeoutException || cause instanceof TimeoutException
                    ? "" : " (" + cause + ")";
            throw new SprException(cause, CliErrorCode.KAFKA_UNREACHABLE, bootstrapServers, seconds(timeoutMs), detail);
        }
    }

    // default.api.timeout.ms: from --kafka-config, else ours
    private long apiTimeoutMs() {
        String configured = extra.get(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
        return configured == null ? DEFAULT_API_TIMEOUT_MS : Long.parseLong(configured.strip());
    }

    private static long seconds(long millis) {
        return Math.max(1, Math.round(millis / 1000.0));
    }

    public RestSchemaRegistryClient registry() {
        return new RestSchemaRegistryClient(schemaRegistryUrl);
    }
}

package org.openspr.cli;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.openspr.events.registry.RestSchemaRegistryClient;
import picocli.CommandLine.Option;

/** Where the cluster is: mixed into every command that talks to Kafka, so each works against a real cluster too. */
public final class KafkaOptions {

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
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return Admin.create(props);
    }

    public RestSchemaRegistryClient registry() {
        return new RestSchemaRegistryClient(schemaRegistryUrl);
    }
}

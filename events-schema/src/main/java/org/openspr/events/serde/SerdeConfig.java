package org.openspr.events.serde;

import java.util.Map;

/** Configuration keys understood by the SPR Avro serdes; the names match Confluent's so existing configs carry over. */
public final class SerdeConfig {
    /** Base URL(s) of the schema registry, comma-separated. Required. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** Register the writer's schema on first use (default true). Set false in production to only look schemas up. */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

    private SerdeConfig() {
    }

    static String registryUrl(Map<String, ?> configs) {
        Object url = configs.get(SCHEMA_REGISTRY_URL);
        if (url == null || url.toString().isBlank()) {
            throw new IllegalArgumentException("missing serde config " + SCHEMA_REGISTRY_URL);
        }
        return url.toString();
    }

    static boolean autoRegister(Map<String, ?> configs) {
        Object value = configs.get(AUTO_REGISTER_SCHEMAS);
        return value == null || Boolean.parseBoolean(value.toString());
    }
}

package org.openspr.events.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * What the platform needs from a Confluent-compatible schema registry (Confluent SR, Karapace, Redpanda,
 * Apicurio's ccompat API, or our embedded one). Implementations cache and are thread-safe.
 */
public interface SchemaRegistryClient {

    /** Registers the schema under the subject (idempotent) and returns its global id. Fails if incompatible. */
    int register(String subject, Schema schema);

    /** The id of a schema already registered under the subject, without registering it. */
    RegisteredSchema lookup(String subject, Schema schema);

    /** The schema with this global id. */
    Schema getById(int id);

    /** The latest version registered under the subject. */
    RegisteredSchema getLatest(String subject);

    /** One version of a subject. */
    RegisteredSchema getVersion(String subject, int version);

    /** Whether the schema could be registered under the subject now, with the registry's reasons if not. */
    CompatibilityResult testCompatibility(String subject, Schema schema);

    /** The subject's compatibility level, falling back to the global level. */
    CompatibilityLevel getCompatibility(String subject);

    /** Sets the subject's compatibility level. */
    void setCompatibility(String subject, CompatibilityLevel level);

    /** All subjects. */
    List<String> subjects();

    /** The versions registered under a subject. */
    List<Integer> versions(String subject);

    /** Where the registry is, for messages. */
    String describe();
}

package org.openspr.embedded.registry;

/** Where the registry keeps its records: a compacted Kafka topic in every real run. */
interface SchemaLog extends AutoCloseable {
    /** Applies every stored record to the state, oldest first. */
    void replayInto(RegistryState state);

    /** Stores a subject version (a tombstone when {@code value} is null); returns only once it is durable. */
    void writeSchema(String subject, int version, SchemaRecord value);

    /** Stores a compatibility config (global when subject is null; deletion when level is null). */
    void writeConfig(String subject, String level);

    @Override
    void close();
}

package org.openspr.events.registry;

/** Confluent Schema Registry compatibility levels, with the same names on the wire. */
public enum CompatibilityLevel {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE;

    public boolean transitive() {
        return name().endsWith("_TRANSITIVE");
    }
}

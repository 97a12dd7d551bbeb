package org.openspr.embedded.registry;

/** One version of one subject, as stored in the registry's topic (Confluent's SCHEMA record value). */
record SchemaRecord(String subject, int version, int id, String schema, boolean deleted) {

    SchemaRecord markedDeleted() {
        return new SchemaRecord(subject, version, id, schema, true);
    }
}

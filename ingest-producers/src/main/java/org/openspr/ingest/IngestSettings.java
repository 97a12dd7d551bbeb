package org.openspr.ingest;

import org.openspr.ingest.map.SourceDefaults;
import org.openspr.ingest.publish.PublisherSettings;

/**
 * Everything the ingest runtime needs to start, independent of how it is configured (Dropwizard YAML, CLI flags).
 *
 * @param schemaRegistryUrl        schema registry for the Avro events
 * @param publisher                Kafka publisher settings (bootstrap servers, transactional id prefix, lanes)
 * @param sourceDefaults           source system / ODS code assumed when a message does not say
 * @param assignTestNhsNumbers     give patients without an NHS number a deterministic 999 test number (test data only)
 * @param provisionTopics          create missing topics at start (replication factor below)
 * @param replicationFactor        for provisioned topics (1 on a single local broker)
 */
public record IngestSettings(String schemaRegistryUrl, PublisherSettings publisher, SourceDefaults sourceDefaults,
                             boolean assignTestNhsNumbers, boolean provisionTopics, short replicationFactor) {

    /** Local defaults: source "spr-ingest", ODS code "UNKNOWN", topics created with replication factor 1. */
    public static IngestSettings local(String bootstrapServers, String schemaRegistryUrl) {
        return new IngestSettings(schemaRegistryUrl, PublisherSettings.defaults(bootstrapServers, "spr-ingest"),
                new SourceDefaults("spr-ingest", "UNKNOWN"), false, true, (short) 1);
    }

    public IngestSettings withTransactionalIdPrefix(String prefix) {
        PublisherSettings p = new PublisherSettings(publisher.bootstrapServers(), prefix, publisher.lanes(),
                publisher.maxMessagesPerCommit(), publisher.publishTimeout(), publisher.clientProperties());
        return new IngestSettings(schemaRegistryUrl, p, sourceDefaults, assignTestNhsNumbers, provisionTopics, replicationFactor);
    }

    /** The same settings with these extra Kafka client properties (security settings for a real cluster). */
    public IngestSettings withClientProperties(java.util.Map<String, String> properties) {
        PublisherSettings p = new PublisherSettings(publisher.bootstrapServers(), publisher.transactionalIdPrefix(), publisher.lanes(),
                publisher.maxMessagesPerCommit(), publisher.publishTimeout(), properties);
        return new IngestSettings(schemaRegistryUrl, p, sourceDefaults, assignTestNhsNumbers, provisionTopics, replicationFactor);
    }

    public IngestSettings withAssignTestNhsNumbers(boolean assign) {
        return new IngestSettings(schemaRegistryUrl, publisher, sourceDefaults, assign, provisionTopics, replicationFactor);
    }
}

package org.openspr.cli.ingest;

import java.util.UUID;
import org.openspr.cli.KafkaOptions;
import org.openspr.ingest.IngestSettings;

/**
 * Ingest settings for a short-lived run beside the live services (import, re-drive, sample data). Its producers get a
 * transactional-id prefix of their own: sharing the running service's prefix would fence that service's producers.
 */
public final class OneOffIngest {
    private OneOffIngest() {
    }

    /** For a cluster named by the CLI's Kafka options, with their client properties ({@code --kafka-config}). */
    public static IngestSettings settings(KafkaOptions kafka, String purpose) {
        return settings(kafka.bootstrapServers(), kafka.schemaRegistryUrl(), purpose).withClientProperties(kafka.extraProperties());
    }

    public static IngestSettings settings(String bootstrapServers, String schemaRegistryUrl, String purpose) {
        return IngestSettings.local(bootstrapServers, schemaRegistryUrl).withTransactionalIdPrefix("spr-" + purpose + "-" + UUID.randomUUID());
    }
}

package org.openspr.ingest.publish;

import java.time.Duration;
import java.util.Map;

/**
 * How the transactional publisher talks to Kafka.
 *
 * @param bootstrapServers      Kafka bootstrap servers
 * @param transactionalIdPrefix prefix of the lanes' transactional ids; must be unique per running ingest instance,
 *                              and stable across restarts so a restarted instance fences its zombie predecessor
 * @param lanes                 parallel producers, each committing one transaction at a time (2 suits 2 cores)
 * @param maxMessagesPerCommit  inbound messages that may share one commit when they queue up (group commit)
 * @param publishTimeout        how long a caller waits for its commit before answering "error, re-send"
 * @param producerOverrides     extra producer settings (e.g. security), applied last
 */
public record PublisherSettings(String bootstrapServers, String transactionalIdPrefix, int lanes, int maxMessagesPerCommit,
                                Duration publishTimeout, Map<String, Object> producerOverrides) {

    public static PublisherSettings defaults(String bootstrapServers, String transactionalIdPrefix) {
        return new PublisherSettings(bootstrapServers, transactionalIdPrefix, 2, 500, Duration.ofSeconds(30), Map.of());
    }
}

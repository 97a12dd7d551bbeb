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
 * @param clientProperties      extra Kafka client settings for this cluster (security: {@code security.protocol},
 *                              {@code sasl.*}, {@code ssl.*}), given to the producers and the topic admin client; they
 *                              may tune the producers (linger, batch size, compression) but cannot change the
 *                              exactly-once settings (transactional id, idempotence, acks)
 */
public record PublisherSettings(String bootstrapServers, String transactionalIdPrefix, int lanes, int maxMessagesPerCommit,
                                Duration publishTimeout, Map<String, String> clientProperties) {

    public static PublisherSettings defaults(String bootstrapServers, String transactionalIdPrefix) {
        return new PublisherSettings(bootstrapServers, transactionalIdPrefix, 2, 500, Duration.ofSeconds(30), Map.of());
    }

    public PublisherSettings {
        clientProperties = Map.copyOf(clientProperties);
    }

    /** Properties for a plain client of the cluster (the admin client that provisions topics). */
    public Map<String, Object> adminProperties() {
        Map<String, Object> props = new java.util.HashMap<>(clientProperties);
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }
}

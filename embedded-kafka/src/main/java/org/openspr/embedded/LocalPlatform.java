package org.openspr.embedded;

import java.nio.file.Path;
import java.util.Map;
import org.openspr.embedded.kafka.EmbeddedKafkaBroker;
import org.openspr.embedded.kafka.FreePorts;
import org.openspr.embedded.registry.EmbeddedSchemaRegistry;

/**
 * A Kafka broker and a schema registry on one data directory: what {@code spr local} runs and what every
 * {@code *IT} test class starts. Close it to stop both cleanly (registry first, then the broker).
 */
public final class LocalPlatform implements AutoCloseable {
    private final EmbeddedKafkaBroker broker;
    private final EmbeddedSchemaRegistry registry;

    private LocalPlatform(EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry) {
        this.broker = broker;
        this.registry = registry;
    }

    /** Starts a broker and a registry with the given ports on the data directory. */
    public static LocalPlatform start(Path dataDir, int kafkaPort, int controllerPort, int registryPort) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, kafkaPort, controllerPort, Map.of()).start();
        try {
            EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(broker.bootstrapServers(), "127.0.0.1", registryPort,
                    EmbeddedSchemaRegistry.DEFAULT_STORE_TOPIC, (short) 1).start();
            return new LocalPlatform(broker, registry);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** Starts on free ports, for tests. */
    public static LocalPlatform startOnFreePorts(Path dataDir) {
        return start(dataDir, FreePorts.next(), FreePorts.next(), FreePorts.next());
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return registry.url();
    }

    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    @Override
    public void close() {
        registry.close();
        broker.close();
    }
}

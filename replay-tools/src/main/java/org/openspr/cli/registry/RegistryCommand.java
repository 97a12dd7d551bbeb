package org.openspr.cli.registry;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.openspr.cli.KafkaOptions;
import org.openspr.embedded.registry.EmbeddedSchemaRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spr registry}: serves SPR's Confluent-compatible schema registry against any Kafka cluster (schemas in a
 * compacted topic), for deployments that do not run Confluent Schema Registry or Karapace. One instance per cluster.
 */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Run the Confluent-compatible schema registry as a server against a Kafka cluster.")
public final class RegistryCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on. Default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--port", defaultValue = "8081", description = "HTTP port. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--store-topic", defaultValue = EmbeddedSchemaRegistry.DEFAULT_STORE_TOPIC,
            description = "Compacted topic holding the schemas. Default: ${DEFAULT-VALUE}")
    String storeTopic;

    @Option(names = "--replication-factor", defaultValue = "3", description = "Replication of the store topic if it must be created. Default: ${DEFAULT-VALUE}")
    short replicationFactor;

    @Override
    public Integer call() throws InterruptedException {
        EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(kafka.bootstrapServers(), host, port, storeTopic, replicationFactor).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            registry.close();
            stopped.countDown();
        }, "spr-registry-shutdown"));
        System.out.println("spr registry: ready on " + registry.url() + " (store topic " + storeTopic + " on " + kafka.bootstrapServers() + ")");
        stopped.await();
        return 0;
    }
}

package org.openspr.embedded.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openspr.embedded.DataDirectories;
import org.openspr.embedded.kafka.EmbeddedKafkaCluster;
import org.openspr.embedded.kafka.FreePorts;
import org.openspr.embedded.registry.EmbeddedSchemaRegistry;

/**
 * Gives a test class a replicated three-node Kafka cluster ({@link EmbeddedKafkaCluster}) and a schema registry whose
 * store topic has three replicas, started once before all its tests and stopped after them. Register as
 * {@code @RegisterExtension static final ReplicatedClusterExtension kafka = new ReplicatedClusterExtension();}
 */
public final class ReplicatedClusterExtension implements BeforeAllCallback, AfterAllCallback {
    private static final int NODES = 3;
    private final Set<Integer> ownProcess;
    private Path dataDir;
    private EmbeddedKafkaCluster cluster;
    private EmbeddedSchemaRegistry registry;

    /** All three nodes in the test's JVM: they can be stopped and started, not killed. */
    public ReplicatedClusterExtension() {
        this(Set.of());
    }

    private ReplicatedClusterExtension(Set<Integer> ownProcess) {
        this.ownProcess = Set.copyOf(ownProcess);
    }

    /** With these nodes (1-based) each in a JVM of its own, so that the test can kill them ({@link EmbeddedKafkaCluster#kill}). */
    public static ReplicatedClusterExtension withNodesInOwnProcess(Integer... ids) {
        return new ReplicatedClusterExtension(Set.of(ids));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("spr-it-" + context.getRequiredTestClass().getSimpleName() + "-");
        cluster = EmbeddedKafkaCluster.start(dataDir.resolve("cluster"), NODES, Map.of(), ownProcess);
        registry = new EmbeddedSchemaRegistry(cluster.bootstrapServers(), "127.0.0.1", FreePorts.next(),
                EmbeddedSchemaRegistry.DEFAULT_STORE_TOPIC, (short) NODES).start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (registry != null) {
            registry.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        DataDirectories.deleteRecursively(dataDir);
    }

    public EmbeddedKafkaCluster cluster() {
        return cluster;
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return registry.url();
    }

    /** Where the test may keep its own state (stores, keys), removed after the class. */
    public Path dataDir() {
        return dataDir;
    }

    /** Replicas per partition of every topic, and the replication factor to create topics with. */
    public short replicationFactor() {
        return NODES;
    }
}

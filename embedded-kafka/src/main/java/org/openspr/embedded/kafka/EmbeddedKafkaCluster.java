package org.openspr.embedded.kafka;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.openspr.embedded.LocalPlatformException;

/**
 * A real Apache Kafka cluster of several KRaft nodes in this JVM, each a broker and a controller voter, replicated as
 * production is: every topic and internal topic has one replica per node and needs all but one in sync to take an
 * {@code acks=all} write ({@code min.insync.replicas} = nodes - 1). Nodes can be stopped (a controlled shutdown, as in a
 * rolling restart) and started again on their data. For tests of what replication changes: the single-node
 * {@link EmbeddedKafkaBroker} is what {@code spr local} and the other tests use.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {
    private final List<EmbeddedKafkaBroker> nodes;

    private EmbeddedKafkaCluster(List<EmbeddedKafkaBroker> nodes) {
        this.nodes = nodes;
    }

    /**
     * Starts {@code size} nodes (at least 3, so that one can stop while the controllers keep a majority) on free ports,
     * each under {@code dataDir/node-<id>}, and returns once every node serves clients.
     *
     * @param overrides broker configs for every node, applied after the replication settings
     */
    public static EmbeddedKafkaCluster start(Path dataDir, int size, Map<String, String> overrides) {
        if (size < 3) {
            throw new IllegalArgumentException("a replicated cluster needs at least 3 nodes, not " + size);
        }
        int[] ports = new int[size];
        int[] controllerPorts = new int[size];
        for (int i = 0; i < size; i++) {
            ports[i] = FreePorts.next();
            controllerPorts[i] = FreePorts.next();
        }
        String voters = java.util.stream.IntStream.range(0, size)
                .mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts[i]).collect(Collectors.joining(","));
        Map<String, String> config = new HashMap<>(replicated(size));
        config.putAll(overrides);
        List<EmbeddedKafkaBroker> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            nodes.add(new EmbeddedKafkaBroker(dataDir.resolve("node-" + (i + 1)), i + 1, ports[i], controllerPorts[i], voters, config));
        }
        EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(List.copyOf(nodes));
        try {
            cluster.onEach(nodes, EmbeddedKafkaBroker::start); // a node's start waits for a controller majority: start them together
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** Replication as in production: a replica per node, all but one needed in sync. */
    static Map<String, String> replicated(int size) {
        String all = Integer.toString(size);
        String quorum = Integer.toString(size - 1);
        return Map.of(
                "default.replication.factor", all,
                "min.insync.replicas", quorum,
                "offsets.topic.replication.factor", all,
                "transaction.state.log.replication.factor", all,
                "transaction.state.log.min.isr", quorum,
                "share.coordinator.state.topic.replication.factor", all,
                "share.coordinator.state.topic.min.isr", quorum);
    }

    /** Every node's client address, comma-separated. */
    public String bootstrapServers() {
        return nodes.stream().map(EmbeddedKafkaBroker::bootstrapServers).collect(Collectors.joining(","));
    }

    public int size() {
        return nodes.size();
    }

    /** Stops node {@code id} (1-based) with a controlled shutdown: its partitions' leadership moves to the others first. */
    public void stop(int id) {
        node(id).close();
    }

    /** Starts node {@code id} again on its data; it catches up from the others as a follower. */
    public void start(int id) {
        node(id).start();
    }

    public boolean isRunning(int id) {
        return node(id).isRunning();
    }

    private EmbeddedKafkaBroker node(int id) {
        if (id < 1 || id > nodes.size()) {
            throw new IllegalArgumentException("no node " + id + " in a cluster of " + nodes.size());
        }
        return nodes.get(id - 1);
    }

    /** Stops every node, all at once: one by one, the last ones would wait for a controller majority that has gone. */
    @Override
    public void close() {
        onEach(nodes, EmbeddedKafkaBroker::close);
    }

    private void onEach(List<EmbeddedKafkaBroker> targets, java.util.function.Consumer<EmbeddedKafkaBroker> action) {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (EmbeddedKafkaBroker node : targets) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    action.accept(node);
                    done.complete(null);
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            }, "spr-kafka-node-" + node.nodeId());
            t.setDaemon(true);
            t.start();
            running.add(done);
        }
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof LocalPlatformException lpe) {
                throw lpe;
            }
            throw e;
        }
    }
}

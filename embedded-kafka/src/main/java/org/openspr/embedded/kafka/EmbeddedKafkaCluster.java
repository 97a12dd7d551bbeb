package org.openspr.embedded.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.openspr.embedded.LocalPlatformException;

/**
 * A real Apache Kafka cluster of several KRaft nodes, each a broker and a controller voter, replicated as production
 * is: every topic and internal topic has one replica per node and needs all but one in sync to take an {@code acks=all}
 * write ({@code min.insync.replicas} = nodes - 1). Nodes run in this JVM, or chosen ones each in a JVM of its own. Any
 * node can be stopped (a controlled shutdown, as in a rolling restart) and started again on its data; a node in its own
 * JVM can also be killed (a crash) or frozen (a long pause). For tests of what replication changes: the single-node
 * {@link EmbeddedKafkaBroker} is what {@code spr local} and the other tests use.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {
    private final List<ClusterNode> nodes;

    private EmbeddedKafkaCluster(List<ClusterNode> nodes) {
        this.nodes = nodes;
    }

    /**
     * Starts {@code size} nodes (at least 3, so that one can stop while the controllers keep a majority) on free ports,
     * each under {@code dataDir/node-<id>}, and returns once every node serves clients.
     *
     * @param overrides broker configs for every node, applied after the replication settings
     */
    public static EmbeddedKafkaCluster start(Path dataDir, int size, Map<String, String> overrides) {
        return start(dataDir, size, overrides, Set.of());
    }

    /**
     * As {@link #start(Path, int, Map)}, with the nodes in {@code ownProcess} each in a JVM of its own, so that
     * {@link #kill} can crash them. The others run in this JVM.
     */
    public static EmbeddedKafkaCluster start(Path dataDir, int size, Map<String, String> overrides, Set<Integer> ownProcess) {
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
        List<ClusterNode> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int id = i + 1;
            Path nodeDir = dataDir.resolve("node-" + id);
            nodes.add(ownProcess.contains(id) ? new ChildProcessNode(nodeDir, id, ports[i], controllerPorts[i], voters, config)
                    : new InProcessNode(new EmbeddedKafkaBroker(nodeDir, id, ports[i], controllerPorts[i], voters, config)));
        }
        EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(List.copyOf(nodes));
        try {
            cluster.onEach(nodes, ClusterNode::start); // a node's start waits for a controller majority: start them together
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
        return nodes.stream().map(ClusterNode::bootstrapServers).collect(Collectors.joining(","));
    }

    public int size() {
        return nodes.size();
    }

    /** Stops node {@code id} (1-based) with a controlled shutdown: its partitions' leadership moves to the others first. */
    public void stop(int id) {
        node(id).stop();
    }

    /**
     * Kills node {@code id} as a crash would (SIGKILL): no controlled shutdown, so its partitions have no leader until
     * the controllers miss its heartbeats ({@code broker.session.timeout.ms}), and it recovers its logs when started
     * again. Only for a node started in its own process.
     */
    public void kill(int id) {
        node(id).kill();
    }

    /** Starts node {@code id} again on its data; it catches up from the others as a follower. */
    public void start(int id) {
        node(id).start();
    }

    /**
     * Freezes node {@code id} (SIGSTOP): it keeps its connections and its belief that it leads its partitions, but
     * answers nothing, as in a long GC pause, a frozen VM or a network partition. Once the controllers miss its
     * heartbeats, the others take over its partitions; {@link #thaw} wakes it up, stale. Only for a node started in its
     * own process.
     */
    public void freeze(int id) {
        node(id).freeze();
    }

    /** Lets a frozen node run again (SIGCONT). */
    public void thaw(int id) {
        node(id).thaw();
    }

    /** What is done to a node, or while it is lost or back: {@link #rollingRestart}, {@link #loseAndBringBack}. */
    @FunctionalInterface
    public interface Step {
        void run(int node) throws Exception;
    }

    /**
     * Restarts the nodes one at a time, as an operator rolls a cluster: stops a node, runs {@code whileDown}, starts it
     * again, waits until no partition is under-replicated (else stopping the next node could leave a partition with
     * too few replicas in sync), then runs {@code afterRestart}.
     */
    public void rollingRestart(Duration syncTimeout, Step whileDown, Step afterRestart) throws Exception {
        for (int id = 1; id <= nodes.size(); id++) {
            loseAndBringBack(id, this::stop, this::start, syncTimeout, whileDown, afterRestart);
        }
    }

    /**
     * Loses node {@code id} as {@code lose} does ({@link #stop}, {@link #kill}, {@link #freeze}), runs {@code whileLost},
     * brings it back with {@code bringBack} ({@link #start}, {@link #thaw}), waits until no partition is
     * under-replicated, then runs {@code afterBack}.
     */
    public void loseAndBringBack(int id, Step lose, Step bringBack, Duration syncTimeout, Step whileLost, Step afterBack)
            throws Exception {
        lose.run(id);
        whileLost.run(id);
        bringBack.run(id);
        awaitFullyReplicated(syncTimeout);
        afterBack.run(id);
    }

    /** Waits until every partition of every topic, internal ones included, has all its replicas in sync. */
    public void awaitFullyReplicated(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin()) {
            while (true) {
                long behind;
                try {
                    Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
                    Collection<TopicDescription> described = admin.describeTopics(names).allTopicNames().get().values();
                    behind = described.stream().flatMap(d -> d.partitions().stream()).filter(p -> p.isr().size() < p.replicas().size()).count();
                } catch (ExecutionException e) {
                    behind = -1; // metadata not answerable yet (a node still joining): ask again
                }
                if (behind == 0) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("partitions still under-replicated after " + timeout
                            + (behind > 0 ? ": " + behind : ": cluster metadata unavailable"));
                }
                Thread.sleep(100);
            }
        }
    }

    /** Sets a topic's own {@code min.insync.replicas}, or with null removes it (the cluster's nodes - 1 applies again). */
    public void requireInSync(String topic, Integer replicas) throws InterruptedException, ExecutionException {
        ConfigEntry entry = new ConfigEntry("min.insync.replicas", replicas == null ? null : replicas.toString());
        AlterConfigOp op = new AlterConfigOp(entry, replicas == null ? AlterConfigOp.OpType.DELETE : AlterConfigOp.OpType.SET);
        try (Admin admin = admin()) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(op))).all().get();
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    private ClusterNode node(int id) {
        if (id < 1 || id > nodes.size()) {
            throw new IllegalArgumentException("no node " + id + " in a cluster of " + nodes.size());
        }
        return nodes.get(id - 1);
    }

    /** Stops every node, all at once: one by one, the last ones would wait for a controller majority that has gone. */
    @Override
    public void close() {
        onEach(nodes, ClusterNode::stop);
    }

    private void onEach(List<ClusterNode> targets, java.util.function.Consumer<ClusterNode> action) {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (ClusterNode node : targets) {
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

package org.openspr.embedded.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.openspr.embedded.LocalPlatformException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker + controller) running in this JVM, storing
 * its log under a data directory. Started again on the same directory it finds every topic and record: the
 * storage is formatted once with a fixed cluster id and never wiped.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    /** Fixed so that a data directory formatted once keeps working; any base64 16-byte UUID would do. */
    public static final String CLUSTER_ID = "c3ByLWxvY2FsLWNsdXN0ZXI";
    private static final int SINGLE_NODE_ID = 1;
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final Path logDir;
    private final int nodeId;
    private final int port;
    private final int controllerPort;
    private final String voters;
    private final Map<String, String> overrides;
    private KafkaRaftServer server;

    /**
     * @param dataDir        where the broker keeps its log (created if missing)
     * @param port           client port (PLAINTEXT on 127.0.0.1)
     * @param controllerPort KRaft controller port
     * @param overrides      extra broker configs, applied last
     */
    public EmbeddedKafkaBroker(Path dataDir, int port, int controllerPort, Map<String, String> overrides) {
        this(dataDir, SINGLE_NODE_ID, port, controllerPort, SINGLE_NODE_ID + "@127.0.0.1:" + controllerPort, overrides);
    }

    /**
     * One node of a cluster whose nodes are all brokers and controllers ({@link EmbeddedKafkaCluster}).
     *
     * @param voters the controller quorum, {@code id@host:port,...}, this node among them
     */
    EmbeddedKafkaBroker(Path dataDir, int nodeId, int port, int controllerPort, String voters, Map<String, String> overrides) {
        this.logDir = dataDir.resolve("kafka").toAbsolutePath();
        this.nodeId = nodeId;
        this.port = port;
        this.controllerPort = controllerPort;
        this.voters = voters;
        this.overrides = Map.copyOf(overrides);
    }

    /** Formats storage if this is a new directory, starts the broker and waits until it serves clients. */
    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            return this;
        }
        for (int p : List.of(port, controllerPort)) {
            if (FreePorts.inUse(p)) {
                throw new LocalPlatformException(LocalPlatformException.PORT_IN_USE,
                        "port " + p + " is already in use (another broker or 'spr local' running?); choose other ports");
            }
        }
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new LocalPlatformException(LocalPlatformException.DATA_DIR_UNUSABLE, "cannot create " + logDir + ": " + e, e);
        }
        KafkaConfig config = new KafkaConfig(brokerProperties(), false);
        try {
            format(config);
            KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
            raftServer.startup();
            server = raftServer;
            LOG.info("Kafka broker listening on {} with data in {}", bootstrapServers(), logDir);
            return this;
        } catch (Exception e) {
            throw new LocalPlatformException(LocalPlatformException.BROKER_START_FAILED,
                    "the local Kafka broker could not start with data directory " + logDir + ": " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path logDir() {
        return logDir;
    }

    public int nodeId() {
        return nodeId;
    }

    /** Stops the broker cleanly (flushes and closes every log) and waits for it. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
            LOG.info("Kafka broker on port {} stopped", port);
        }
    }

    private Properties brokerProperties() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(nodeId));
        props.put("controller.quorum.voters", voters);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("metadata.log.dir", logDir.toString());
        // One node: every internal topic has one replica (a cluster overrides these).
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "6");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "6");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        // Topics are created on purpose (TopicProvisioner, Streams), never by a typo in a consumer.
        props.put("auto.create.topics.enable", "false");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        props.putAll(overrides);
        return props;
    }

    private void format(KafkaConfig config) throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setNodeId(nodeId)
                .setClusterId(CLUSTER_ID)
                .setDirectories(List.of(config.logDirs().get(0)))
                .setMetadataLogDirectory(config.metadataLogDir())
                .setControllerListenerName("CONTROLLER")
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setUnstableFeatureVersionsEnabled(false)
                .setIgnoreFormatted(true)
                .run();
    }
}

package org.openspr.embedded.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openspr.embedded.LocalPlatformException;
import org.openspr.embedded.kafka.FreePorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-compatible schema registry served over HTTP from this JVM, storing its schemas in a compacted
 * Kafka topic so that they survive restarts. One instance writes to a given store topic (Confluent elects a
 * leader for that; local runs and tests have one instance).
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
    /** Same default store topic as Confluent's registry. */
    public static final String DEFAULT_STORE_TOPIC = "_schemas";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);

    private final String bootstrapServers; // null: volatile store, for unit tests only
    private final String host;
    private final int port;
    private final String storeTopic;
    private final short replicationFactor;
    private HttpServer server;
    private ExecutorService executor;
    private SchemaLog log;

    public EmbeddedSchemaRegistry(String bootstrapServers, String host, int port, String storeTopic, short replicationFactor) {
        this.bootstrapServers = bootstrapServers;
        this.host = host;
        this.port = port;
        this.storeTopic = storeTopic;
        this.replicationFactor = replicationFactor;
    }

    /**
     * A registry that stores nothing durably, on a free loopback port: the real registry logic and REST API for
     * TopologyTestDriver unit tests, which have no broker. Integration tests and local runs use the Kafka-backed store.
     */
    public static EmbeddedSchemaRegistry volatileForUnitTests() {
        return new EmbeddedSchemaRegistry(null, "127.0.0.1", FreePorts.next(), DEFAULT_STORE_TOPIC, (short) 1);
    }

    /** Loads every stored schema from the topic, then starts answering HTTP requests. */
    public synchronized EmbeddedSchemaRegistry start() {
        if (server != null) {
            return this;
        }
        if (FreePorts.inUse(port)) {
            throw new LocalPlatformException(LocalPlatformException.PORT_IN_USE,
                    "port " + port + " is already in use (another registry running?); choose another registry port");
        }
        try {
            log = bootstrapServers == null ? new VolatileSchemaLog()
                    : new KafkaSchemaLog(bootstrapServers, storeTopic, replicationFactor);
            SchemaRegistryService service = new SchemaRegistryService(log);
            executor = Executors.newFixedThreadPool(4, r -> {
                Thread thread = new Thread(r, "schema-registry-http");
                thread.setDaemon(true);
                return thread;
            });
            server = HttpServer.create(new InetSocketAddress(host, port), 64);
            server.createContext("/", new RegistryHttpHandler(service));
            server.setExecutor(executor);
            server.start();
            LOG.info("Schema registry listening on {} (store: {})", url(), bootstrapServers == null ? "volatile" : storeTopic);
            return this;
        } catch (IOException | RuntimeException e) {
            close();
            throw new LocalPlatformException(LocalPlatformException.REGISTRY_START_FAILED,
                    "the schema registry could not start on port " + port + ": " + e.getMessage(), e);
        }
    }

    public String url() {
        return "http://" + host + ":" + port;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
        if (log != null) {
            log.close();
            log = null;
        }
    }
}

package org.openspr.embedded.kafka;

/** One node of an {@link EmbeddedKafkaCluster}: a broker and controller voter, in this JVM or in a child JVM. */
interface ClusterNode {
    /** Starts the node (formatting new storage) and returns once it serves clients; does nothing if it runs. */
    void start();

    /** Stops the node with a controlled shutdown and waits for it; does nothing if it is stopped. */
    void stop();

    /** Kills the node the hard way (SIGKILL: no controlled shutdown, no flush, no closing of logs) and waits for it. */
    void kill();

    int nodeId();

    String bootstrapServers();
}

package org.openspr.embedded.kafka;

/** One node of an {@link EmbeddedKafkaCluster}: a broker and controller voter, in this JVM or in a child JVM. */
interface ClusterNode {
    /** Starts the node (formatting new storage) and returns once it serves clients; does nothing if it runs. */
    void start();

    /** Stops the node with a controlled shutdown and waits for it; does nothing if it is stopped. */
    void stop();

    /** Kills the node the hard way (SIGKILL: no controlled shutdown, no flush, no closing of logs) and waits for it. */
    void kill();

    /**
     * Freezes the node (SIGSTOP) without closing anything, as a long GC pause, a frozen VM or a network partition would:
     * its connections stay open but nothing answers, until {@link #thaw}.
     */
    void freeze();

    /** Lets a frozen node run again (SIGCONT): it wakes up believing what it believed when it froze. */
    void thaw();

    int nodeId();

    String bootstrapServers();
}

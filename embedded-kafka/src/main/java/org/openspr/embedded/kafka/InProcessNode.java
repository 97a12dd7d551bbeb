package org.openspr.embedded.kafka;

/** A cluster node in this JVM: starts and stops fast, but cannot be killed without a controlled shutdown. */
final class InProcessNode implements ClusterNode {
    private final EmbeddedKafkaBroker broker;

    InProcessNode(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    @Override
    public void start() {
        broker.start();
    }

    @Override
    public void stop() {
        broker.close();
    }

    @Override
    public void kill() {
        throw inTestJvm("kill");
    }

    @Override
    public void freeze() {
        throw inTestJvm("freeze");
    }

    @Override
    public void thaw() {
        throw inTestJvm("thaw");
    }

    private UnsupportedOperationException inTestJvm(String what) {
        return new UnsupportedOperationException("node " + broker.nodeId() + " runs in the test's JVM and can only be stopped;"
                + " start the cluster with it in a process of its own to " + what + " it");
    }

    @Override
    public int nodeId() {
        return broker.nodeId();
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }
}

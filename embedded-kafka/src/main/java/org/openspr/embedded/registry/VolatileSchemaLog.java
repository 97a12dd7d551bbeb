package org.openspr.embedded.registry;

/**
 * Keeps nothing beyond the registry's own index: for TopologyTestDriver unit tests, which need the real
 * registry logic over HTTP but no broker. Never used by {@code spr local} or by integration tests.
 */
final class VolatileSchemaLog implements SchemaLog {
    @Override
    public void replayInto(RegistryState state) {
        // nothing was stored before this process
    }

    @Override
    public void writeSchema(String subject, int version, SchemaRecord value) {
        // the index holds it for the life of the test
    }

    @Override
    public void writeConfig(String subject, String level) {
        // the index holds it for the life of the test
    }

    @Override
    public void close() {
        // nothing to release
    }
}

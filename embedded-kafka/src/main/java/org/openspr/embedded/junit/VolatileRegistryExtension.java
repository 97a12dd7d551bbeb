package org.openspr.embedded.junit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openspr.embedded.registry.EmbeddedSchemaRegistry;

/**
 * Gives a unit-test class a schema registry that stores nothing durably ({@link EmbeddedSchemaRegistry#volatileForUnitTests()}):
 * the real registry logic and REST API, started once before all its tests and stopped after them, for tests that
 * encode or decode Avro without a broker. Register as
 * {@code @RegisterExtension static final VolatileRegistryExtension registry = new VolatileRegistryExtension();}
 */
public final class VolatileRegistryExtension implements BeforeAllCallback, AfterAllCallback {
    private EmbeddedSchemaRegistry registry;

    @Override
    public void beforeAll(ExtensionContext context) {
        registry = EmbeddedSchemaRegistry.volatileForUnitTests().start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (registry != null) {
            registry.close();
            registry = null;
        }
    }

    /** The registry's base URL; only while the test class runs. */
    public String url() {
        if (registry == null) {
            throw new IllegalStateException("the registry runs only between the test class's beforeAll and afterAll");
        }
        return registry.url();
    }
}

package org.openspr.embedded.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openspr.embedded.DataDirectories;
import org.openspr.embedded.LocalPlatform;
import org.openspr.embedded.kafka.FreePorts;

/**
 * Gives a test class a real Kafka broker and schema registry, started once before all its tests and stopped
 * after them. Register as {@code @RegisterExtension static final LocalPlatformExtension platform = new LocalPlatformExtension();}
 */
public final class LocalPlatformExtension implements BeforeAllCallback, AfterAllCallback {
    private Path dataDir;
    private int kafkaPort;
    private int controllerPort;
    private int registryPort;
    private LocalPlatform platform;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("spr-it-" + context.getRequiredTestClass().getSimpleName() + "-");
        kafkaPort = FreePorts.next();
        controllerPort = FreePorts.next();
        registryPort = FreePorts.next();
        platform = LocalPlatform.start(dataDir, kafkaPort, controllerPort, registryPort);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (platform != null) {
            platform.close();
            platform = null;
        }
        DataDirectories.deleteRecursively(dataDir);
    }

    /** Stops broker and registry and starts them again on the same data directory and ports. */
    public void restart() {
        stop();
        start();
    }

    /** Stops broker and registry (an outage); {@link #start()} brings them back on the same data and ports. */
    public void stop() {
        platform.close();
        platform = null;
    }

    public void start() {
        if (platform == null) {
            platform = LocalPlatform.start(dataDir, kafkaPort, controllerPort, registryPort);
        }
    }

    public String bootstrapServers() {
        return platform.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return platform.schemaRegistryUrl();
    }

    public Path dataDir() {
        return dataDir;
    }
}

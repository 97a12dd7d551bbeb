package org.openspr.cli.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.openspr.embedded.LocalPlatform;
import org.openspr.events.topics.TopicProvisioner;
import org.openspr.events.topics.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spr local}: the whole platform in one process on a persistent data directory. Prints one line with
 * "ready" once everything answers; Ctrl-C stops it cleanly; started again it finds all its data.
 */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Run the platform locally in one process: Kafka broker (KRaft) and schema registry, on a persistent data directory.")
public final class LocalCommand implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = "${env:SPR_DATA_DIR:-.spr-data}",
            description = "Where everything lives (broker log, stores). Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka client port. Default: ${DEFAULT-VALUE}")
    int kafkaPort;

    @Option(names = "--controller-port", defaultValue = "9093", description = "KRaft controller port. Default: ${DEFAULT-VALUE}")
    int controllerPort;

    @Option(names = "--registry-port", defaultValue = "8081", description = "Schema registry HTTP port. Default: ${DEFAULT-VALUE}")
    int registryPort;

    @Override
    public Integer call() throws InterruptedException {
        Path root = dataDir.toAbsolutePath().normalize();
        System.out.println("spr local: starting with data directory " + root);
        LocalPlatform platform = LocalPlatform.start(root, kafkaPort, controllerPort, registryPort);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            System.out.println("spr local: stopping");
            platform.close();
            System.out.println("spr local: stopped; data kept in " + root);
            stopped.countDown();
        }, "spr-local-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
            List<String> created = new TopicProvisioner(admin, (short) 1).ensure(Topics.definitions());
            if (!created.isEmpty()) {
                System.out.println("spr local: created topics " + String.join(", ", created));
            }
        }
        System.out.println("spr local: ready kafka=" + platform.bootstrapServers()
                + " schema-registry=" + platform.schemaRegistryUrl() + " data=" + root);
        stopped.await();
        return 0;
    }
}

package org.openspr.projector.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.openspr.projector.app.ProjectorConfig;
import org.openspr.projector.app.RecordProjectorApp;

/**
 * A record projector in a JVM of its own, so a test can kill it the hard way (SIGKILL: no close, no flush, no leaving
 * the group) and start it again on the same state directory. {@link #main} is what runs in the child.
 */
public final class ProjectorProcess implements AutoCloseable {
    private final Process process;

    private ProjectorProcess(Process process) {
        this.process = process;
    }

    /**
     * Starts a child JVM running a projector with the given settings; its output goes to {@code log}. With an
     * {@code instanceId} it is a static member of its consumer group ({@code main.consumer.group.instance.id}), so a
     * restart with the same id takes over at once instead of waiting for the killed member's session to time out.
     */
    public static ProjectorProcess start(String bootstrapServers, String registryUrl, String applicationId, Path dataRoot, Path log,
                                         String instanceId) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"), ProjectorProcess.class.getName(),
                bootstrapServers, registryUrl, applicationId, dataRoot.toString()));
        if (instanceId != null) {
            command.add(instanceId);
        }
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new ProjectorProcess(process);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, and wait until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("child projector did not die");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /** Child entry point: bootstrapServers registryUrl applicationId dataRoot [instanceId]. Runs until killed. */
    public static void main(String[] args) throws Exception {
        ProjectorConfig config = ProjectorConfig.local(args[0], args[1], args[2], Path.of(args[3]));
        if (args.length > 4) {
            config = config.withClientProperties(Map.of(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), args[4]));
        }
        RecordProjectorApp app = new RecordProjectorApp(config).start();
        if (!app.awaitRunning(Duration.ofMinutes(3))) {
            System.err.println("projector did not reach RUNNING");
            System.exit(2);
        }
        System.out.println("PROJECTOR RUNNING");
        new java.util.concurrent.CountDownLatch(1).await(); // runs until the test kills this process
    }
}

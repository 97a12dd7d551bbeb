package org.openspr.embedded.kafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openspr.embedded.LocalPlatformException;

/**
 * A cluster node in a JVM of its own ({@link #main}), so that a test can kill it as a crash would: SIGKILL, with no
 * controlled shutdown (its partitions lose their leader until the controller notices the missing heartbeats), nothing
 * flushed or closed, and log recovery when it starts again on the same data. Started on this JVM's class path; its
 * output goes to {@code <dataDir>/node.log}.
 */
final class ChildProcessNode implements ClusterNode {
    static final String READY = "SPR KAFKA NODE READY";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);

    private final Path dataDir;
    private final int nodeId;
    private final int port;
    private final int controllerPort;
    private final String voters;
    private final Map<String, String> overrides;
    private Process process;

    ChildProcessNode(Path dataDir, int nodeId, int port, int controllerPort, String voters, Map<String, String> overrides) {
        this.dataDir = dataDir.toAbsolutePath();
        this.nodeId = nodeId;
        this.port = port;
        this.controllerPort = controllerPort;
        this.voters = voters;
        this.overrides = Map.copyOf(overrides);
    }

    @Override
    public synchronized void start() {
        if (process != null) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", System.getProperty("java.class.path"), ChildProcessNode.class.getName(),
                dataDir.toString(), Integer.toString(nodeId), Integer.toString(port), Integer.toString(controllerPort), voters));
        overrides.forEach((key, value) -> command.add(key + "=" + value));
        Path log = dataDir.resolve("node.log");
        try {
            Files.createDirectories(dataDir);
            Process started = new ProcessBuilder(command).redirectErrorStream(true).start();
            CompletableFuture<Void> ready = new CompletableFuture<>();
            Thread pump = new Thread(() -> pump(started, log, ready), "spr-kafka-node-" + nodeId + "-output");
            pump.setDaemon(true);
            pump.start();
            try {
                ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                started.destroyForcibly();
                throw new LocalPlatformException(LocalPlatformException.BROKER_START_FAILED, "Kafka node " + nodeId
                        + " in its own process did not start (" + (e.getCause() != null ? e.getCause().getMessage() : "no answer in "
                        + START_TIMEOUT) + "); its output is in " + log, e);
            }
            process = started;
        } catch (IOException e) {
            throw new LocalPlatformException(LocalPlatformException.BROKER_START_FAILED, "cannot start a JVM for Kafka node " + nodeId + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalPlatformException(LocalPlatformException.BROKER_START_FAILED, "interrupted starting Kafka node " + nodeId, e);
        }
    }

    /** Copies the child's output to its log, completing {@code ready} at the ready line or failing it at exit. */
    private static void pump(Process child, Path log, CompletableFuture<Void> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                     StandardOpenOption.CREATE, StandardOpenOption.APPEND), true)) {
            for (String line; (line = in.readLine()) != null; ) {
                out.println(line);
                if (line.contains(READY)) {
                    ready.complete(null);
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IllegalStateException("the process ended"));
    }

    /** SIGTERM: the child's shutdown hook stops the broker cleanly (a controlled shutdown). */
    @Override
    public synchronized void stop() {
        end(false);
    }

    @Override
    public synchronized void kill() {
        end(true);
    }

    @Override
    public synchronized void freeze() {
        signal("STOP");
    }

    @Override
    public synchronized void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        if (process == null) {
            throw new IllegalStateException("Kafka node " + nodeId + " is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot signal Kafka node " + nodeId + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted signalling Kafka node " + nodeId, e);
        }
    }

    private void end(boolean forcibly) {
        if (process == null) {
            return;
        }
        if (forcibly) {
            process.destroyForcibly();
        } else {
            if (process.isAlive()) {
                signal("CONT"); // a frozen node would hold the SIGTERM until it runs again
            }
            process.destroy();
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    @Override
    public int nodeId() {
        return nodeId;
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /**
     * Child entry point: {@code dataDir nodeId port controllerPort voters [key=value ...]}. Runs until stopped, killed,
     * or its parent is gone (its standard input ends), so that a test JVM that dies leaves no broker behind.
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> overrides = new java.util.HashMap<>();
        for (int i = 5; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            overrides.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                Integer.parseInt(args[3]), args[4], overrides);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "spr-kafka-node-shutdown"));
        broker.start();
        System.out.println(READY);
        System.out.flush();
        while (System.in.read() != -1) {
            // the parent writes nothing; end of input means it has gone
        }
        System.exit(0); // runs the shutdown hook
    }
}

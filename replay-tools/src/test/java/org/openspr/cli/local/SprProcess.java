package org.openspr.cli.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged CLI ({@code target/spr.jar}) as a separate process, as a user would, and captures its output.
 * Used by the integration tests of {@code spr local} and the operator commands.
 */
final class SprProcess implements AutoCloseable {
    private static final Path JAR = Path.of("target", "spr.jar");

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Path log;
    private final Thread pump;

    private SprProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(output closed: " + e.getMessage() + ")");
            }
        }, "spr-process-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts {@code java -jar target/spr.jar ARGS}; stderr (logs) goes to a file beside the data. */
    static SprProcess start(Path logDir, String... args) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: integration tests run after 'package'");
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx768m", "-XX:+UseSerialGC", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Files.createDirectories(logDir);
        Path log = logDir.resolve("spr-" + System.nanoTime() + ".log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        return new SprProcess(process, log);
    }

    /** Runs a short command to completion and returns its output; fails if it does not exit 0 in time. */
    static String run(Path logDir, long timeoutSeconds, String... args) throws Exception {
        try (SprProcess command = start(logDir, args)) {
            if (!command.process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new AssertionError("spr " + String.join(" ", args) + " did not finish in " + timeoutSeconds + " s");
            }
            command.drain();
            if (command.process.exitValue() != 0) {
                throw new AssertionError("spr " + String.join(" ", args) + " exited " + command.process.exitValue() + ":\n"
                        + String.join("\n", command.lines) + "\n" + Files.readString(command.log));
            }
            return String.join("\n", command.lines);
        }
    }

    /** Waits for an output line containing the text; returns it. Fails early if the process dies. */
    String awaitLine(String text, long timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            for (String line : lines) {
                if (line.contains(text)) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                drain();
                throw new AssertionError("spr exited " + process.exitValue() + " before printing '" + text + "':\n"
                        + String.join("\n", lines) + "\n--- log ---\n" + tail());
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("no line with '" + text + "' in " + timeoutSeconds + " s:\n" + String.join("\n", lines) + "\n--- log ---\n" + tail());
    }

    /** Sends SIGTERM (what Ctrl-C's shutdown path runs too) and waits for a clean exit. */
    int stop(long timeoutSeconds) throws Exception {
        // ProcessHandle only signals; Process.destroy() would also close our end of its stdout and lose the last lines.
        process.toHandle().destroy();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("spr did not stop within " + timeoutSeconds + " s");
        }
        drain();
        return process.exitValue();
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    private void drain() throws InterruptedException {
        // The pump thread ends at end of stream, shortly after the process exits.
        pump.join(TimeUnit.SECONDS.toMillis(5));
    }

    private String tail() throws IOException {
        List<String> all = Files.readAllLines(log);
        return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}

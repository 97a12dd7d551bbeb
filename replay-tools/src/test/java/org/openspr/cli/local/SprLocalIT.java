package org.openspr.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openspr.embedded.kafka.FreePorts;

/** Runs {@code spr local} as a user would: a separate process, the "ready" line, Ctrl-C, and a restart that finds all data. */
class SprLocalIT {
    /** The JVM's status after running its shutdown hooks on SIGTERM (128 + 15); Ctrl-C (SIGINT) gives 130. */
    private static final int SIGTERM_EXIT = 143;

    @Test
    void shouldStartStopAndRestartOnTheSameDataDirectory() throws Exception {
        Path dataDir = Files.createTempDirectory("spr-local-it-");
        String[] ports = ports();
        String bootstrap = "127.0.0.1:" + ports[1];
        String registry = "http://127.0.0.1:" + ports[5];

        try (SprProcess local = SprProcess.start(dataDir, local(dataDir, ports))) {
            String ready = local.awaitLine("ready", 180);
            assertThat(ready).contains("kafka=" + bootstrap).contains("schema-registry=" + registry);
            String status = SprProcess.run(dataDir, 60, "status", "--bootstrap-servers", bootstrap, "--schema-registry-url", registry);
            assertThat(status).contains("spr.clinical.events").contains("spr.audit.events").doesNotContain("missing");
            assertThat(local.stop(60)).as("exit status after SIGTERM").isEqualTo(SIGTERM_EXIT);
            assertThat(local.lines()).anyMatch(line -> line.contains("stopped; data kept in"));
        }

        try (SprProcess again = SprProcess.start(dataDir, local(dataDir, ports))) {
            again.awaitLine("ready", 180);
            assertThat(again.lines()).noneMatch(line -> line.contains("created topics"));
            assertThat(again.stop(60)).isEqualTo(SIGTERM_EXIT);
        }
    }

    private static String[] ports() {
        return new String[] {"--kafka-port", String.valueOf(FreePorts.next()), "--controller-port", String.valueOf(FreePorts.next()),
                "--registry-port", String.valueOf(FreePorts.next())};
    }

    private static String[] local(Path dataDir, String[] ports) {
        String[] args = new String[3 + ports.length];
        args[0] = "local";
        args[1] = "--data-dir";
        args[2] = dataDir.toString();
        System.arraycopy(ports, 0, args, 3, ports.length);
        return args;
    }
}

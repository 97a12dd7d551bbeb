package org.openspr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openspr.embedded.kafka.FreePorts;

class SprCommandTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private PrintStream originalOut;

    @BeforeEach
    void capture() {
        originalErr = System.err;
        originalOut = System.out;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        System.setOut(originalOut);
    }

    @Test
    void shouldNameTheBrokerThatDoesNotAnswerInsteadOfABareTimeout() {
        String nobody = "127.0.0.1:" + FreePorts.next();

        int exit = SprCommand.run("dlq", "list", "--bootstrap-servers", nobody, "--kafka-config", "default.api.timeout.ms=1500");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("spr list: SPR-6008: No Kafka cluster answered at " + nobody + " within 2 s")
                .contains("--bootstrap-servers");
    }

    @Test
    void shouldShowACommandsHelpWithoutAnyKafka() {
        int exit = SprCommand.run("status", "--help", "--bootstrap-servers", "127.0.0.1:" + FreePorts.next());

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--bootstrap-servers");
    }
}

package org.openspr.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MllpLoadGeneratorTest {
    private final List<Socket> accepted = new ArrayList<>();
    private final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
    private ServerSocket server;

    @AfterEach
    void stop() throws IOException {
        server.close();
        for (Socket s : accepted) {
            s.close();
        }
    }

    @Test
    void shouldSendEveryMessageOnEveryConnectionOneAckAtATime() throws IOException {
        start(message -> "AA", 2);

        int sent = MllpLoadGenerator.run(server.getLocalPort(), 5, 40, (c, i) -> "MSH|^~\\&|T|T|||||ORU^R01|" + c + "-" + i + "|P|2.5.1",
                Duration.ofSeconds(30));

        assertThat(sent).isEqualTo(200);
        assertThat(received).hasSize(200).doesNotHaveDuplicates().contains("MSH|^~\\&|T|T|||||ORU^R01|4-39|P|2.5.1");
    }

    @Test
    void shouldFailWhenAMessageIsNotAccepted() throws IOException {
        start(message -> message.contains("|0-3|") ? "AE" : "AA", 1);

        assertThatThrownBy(() -> MllpLoadGenerator.run(server.getLocalPort(), 2, 10, (c, i) -> "MSH|^~\\&|T|T|||||ORU^R01|" + c + "-" + i
                + "|P|2.5.1", Duration.ofSeconds(30)))
                .isInstanceOf(IOException.class).hasMessageContaining("not accepted on connection 0").hasMessageContaining("MSA|AE");
    }

    /** An MLLP server answering each frame with an ACK whose MSA-1 the given rule picks, in pieces of at most chunk bytes. */
    private void start(java.util.function.Function<String, String> code, int chunk) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket socket = server.accept();
                    synchronized (accepted) {
                        accepted.add(socket);
                    }
                    Thread connection = new Thread(() -> answer(socket, code, chunk));
                    connection.setDaemon(true);
                    connection.start();
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void answer(Socket socket, java.util.function.Function<String, String> code, int chunk) {
        try (InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            StringBuilder frame = new StringBuilder();
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == 0x0B) {
                    frame.setLength(0);
                } else if (b == 0x1C) {
                    in.read(); // CR
                    String message = frame.toString();
                    received.add(message);
                    byte[] ack = ("\u000BMSH|^~\\&|SPR|SPR|||||ACK|A1|P|2.5.1\rMSA|" + code.apply(message) + "|X\r\u001C\r")
                            .getBytes(StandardCharsets.UTF_8);
                    for (int i = 0; i < ack.length; i += chunk) { // an ACK may arrive in pieces
                        out.write(ack, i, Math.min(chunk, ack.length - i));
                        out.flush();
                    }
                } else {
                    frame.append((char) b);
                }
            }
        } catch (IOException closed) {
            // the client went away
        }
    }
}

package org.openspr.ingest.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A minimal MLLP client that can also send malformed frames; waits for each ACK (socket timeout bounds the wait). */
public final class MllpTestClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public MllpTestClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public String send(String message) throws IOException {
        return sendFramed(message.getBytes(StandardCharsets.UTF_8));
    }

    public String sendFramed(byte[] message) throws IOException {
        out.write(0x0B);
        out.write(message);
        out.write(0x1C);
        out.write(0x0D);
        out.flush();
        return readAck();
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public String readAck() throws IOException {
        int b = in.read();
        while (b != 0x0B) {
            if (b < 0) {
                throw new IOException("connection closed before an ACK");
            }
            b = in.read();
        }
        ByteArrayOutputStream ack = new ByteArrayOutputStream();
        for (b = in.read(); b != 0x1C; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed inside an ACK");
            }
            ack.write(b);
        }
        in.read(); // CR
        return ack.toString(StandardCharsets.UTF_8);
    }

    /** MSA-1 of an ACK. */
    public static String ackCode(String ack) {
        for (String segment : ack.split("\r")) {
            if (segment.startsWith("MSA|")) {
                return segment.split("\\|")[1];
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

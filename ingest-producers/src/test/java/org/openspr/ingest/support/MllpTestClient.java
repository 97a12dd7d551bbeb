package org.openspr.ingest.support;

import java.io.BufferedInputStream;
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
        socket.setTcpNoDelay(true); // like an interface engine: one frame, one segment, no Nagle wait on the ACK round trip
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    public String send(String message) throws IOException {
        return sendFramed(message.getBytes(StandardCharsets.UTF_8));
    }

    public String sendFramed(byte[] message) throws IOException {
        out.write(frame(message)); // one write: the frame leaves in one piece
        out.flush();
        return readAck();
    }

    /** The message in an MLLP frame: VT, the message, FS, CR. */
    public static byte[] frame(byte[] message) {
        byte[] frame = new byte[message.length + 3];
        frame[0] = 0x0B;
        System.arraycopy(message, 0, frame, 1, message.length);
        frame[frame.length - 2] = 0x1C;
        frame[frame.length - 1] = 0x0D;
        return frame;
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

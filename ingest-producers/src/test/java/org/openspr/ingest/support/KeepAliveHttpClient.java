package org.openspr.ingest.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * An HTTP/1.1 client for load generators: one keep-alive connection, one request at a time, the request written in
 * one piece and the response read with no more work than its framing needs (fixed length or chunked). It exists so
 * that a benchmark's load generator, which shares this machine's two cores with the service it measures, costs as
 * little CPU as it can: the JDK's {@code HttpClient} spent about 9 % of the FHIR benchmark's CPU in its own threads.
 * Not for anything but tests: no TLS, no redirects, no 100-continue.
 */
public final class KeepAliveHttpClient implements AutoCloseable {
    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int connections;

    /** A status and the body, as received. */
    public record Response(int status, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public KeepAliveHttpClient(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** POSTs body to path; opens the connection first if there is none (or the server closed the last one). */
    public Response post(String path, String contentType, byte[] body) throws IOException {
        connectIfClosed();
        byte[] head = head(path, contentType, body.length);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        out.write(request);
        out.flush();
        return readResponse();
    }

    /**
     * As {@link #post}, but as a slow sender's request arrives: the head and the first half of the body, then the rest.
     * When the server answers before the rest has gone (within {@code patience}), the answer is read first, as a sender
     * would see it while still sending; otherwise the rest goes when the patience has run out.
     */
    public Response postInTwoParts(String path, String contentType, byte[] body, Duration patience) throws IOException {
        connectIfClosed();
        out.write(head(path, contentType, body.length));
        out.write(body, 0, body.length / 2);
        out.flush();
        Response early = answered(patience) ? readResponse() : null;
        if (socket == null) {
            throw new IOException("the server answered before the body was complete and closed the connection");
        }
        out.write(body, body.length / 2, body.length - body.length / 2);
        out.flush();
        return early != null ? early : readResponse();
    }

    /** Whether the server's answer begins to arrive (it stays unread) before the patience runs out. */
    private boolean answered(Duration patience) throws IOException {
        int timeout = socket.getSoTimeout();
        socket.setSoTimeout(Math.toIntExact(Math.max(1, patience.toMillis())));
        in.mark(1);
        try {
            return in.read() >= 0;
        } catch (java.net.SocketTimeoutException noAnswerYet) {
            return false; // the server waits for the rest of the body
        } finally {
            in.reset();
            socket.setSoTimeout(timeout);
        }
    }

    /** How many connections this client has opened. */
    public int connections() {
        return connections;
    }

    /** Opens the connection when there is none (or the server closed the last one). */
    private void connectIfClosed() throws IOException {
        if (socket == null) {
            connect();
        }
    }

    private byte[] head(String path, String contentType, int length) {
        return ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private void connect() throws IOException {
        connections++;
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(120_000);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = socket.getOutputStream();
    }

    private Response readResponse() throws IOException {
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        boolean close = parts[0].equals("HTTP/1.0");
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                throw new IOException("not a header: " + header);
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                default -> { }
            }
        }
        byte[] body;
        if (chunked) {
            body = chunkedBody();
        } else if (length >= 0) {
            body = in.readNBytes(Math.toIntExact(length));
            if (body.length != length) {
                throw new EOFException("response body ended after " + body.length + " of " + length + " bytes");
            }
        } else {
            body = in.readAllBytes(); // no framing: the body runs to the end of the connection
            close = true;
        }
        if (close) {
            close();
        }
        return new Response(status, body);
    }

    private byte[] chunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            int extension = sizeLine.indexOf(';');
            int size = Integer.parseInt((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailers: none of interest
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new EOFException("chunk ended after " + chunk.length + " of " + size + " bytes");
            }
            body.writeBytes(chunk);
            if (!line().isEmpty()) {
                throw new IOException("no CRLF after a chunk");
            }
        }
    }

    /** One line of the head, without its CRLF. */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed inside a response head");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            try {
                socket.close();
            } finally {
                socket = null;
            }
        }
    }
}

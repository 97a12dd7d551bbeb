package org.openspr.ingest.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openspr.ingest.support.MllpTestClient;

/**
 * Drives many MLLP connections from one thread through a selector, as an interface engine with many outbound channels
 * does: each connection sends a message, waits for its ACK, insists on {@code AA}, then sends the next. One thread
 * instead of one per connection keeps the load generator's cost on the shared two cores low: blocking connection
 * threads are put to sleep and woken for every ACK, which on this virtual machine is expensive.
 */
final class MllpLoadGenerator {
    private static final byte VT = 0x0B;
    private static final byte FS = 0x1C;
    private static final byte CR = 0x0D;

    /** The message a connection sends as its {@code index}-th. */
    @FunctionalInterface
    interface Messages {
        String message(int connection, int index);
    }

    private MllpLoadGenerator() {
    }

    /**
     * Sends {@code perConnection} messages over each of {@code connections} connections; returns the number sent, all
     * acknowledged {@code AA}. Fails on any other answer, a closed connection, or when the whole run takes longer than
     * timeout.
     */
    static int run(int port, int connections, int perConnection, Messages messages, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Selector selector = Selector.open()) {
            List<Sender> senders = new ArrayList<>();
            try {
                for (int c = 0; c < connections; c++) {
                    SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                    channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                    channel.configureBlocking(false);
                    Sender sender = new Sender(c, channel, perConnection, messages);
                    senders.add(sender);
                    sender.key = channel.register(selector, SelectionKey.OP_READ, sender);
                    sender.sendNext();
                }
                int open = connections;
                while (open > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new IOException("MLLP load did not finish within " + timeout + "; " + open + " connections still sending");
                    }
                    selector.select(Math.max(1, left / 1_000_000));
                    for (SelectionKey key : selector.selectedKeys()) {
                        Sender sender = (Sender) key.attachment();
                        if (key.isWritable()) {
                            sender.flush();
                        }
                        if (key.isValid() && key.isReadable() && sender.read()) {
                            open--;
                        }
                    }
                    selector.selectedKeys().clear();
                }
            } finally {
                for (Sender sender : senders) {
                    sender.channel.close();
                }
            }
        }
        return connections * perConnection;
    }

    /** One connection: the frame being written, the ACK being read, how far it has got. */
    private static final class Sender {
        private final int connection;
        private final SocketChannel channel;
        private final int total;
        private final Messages messages;
        private final ByteBuffer in = ByteBuffer.allocate(4096);
        private ByteBuffer out;
        private SelectionKey key;
        private int sent;

        Sender(int connection, SocketChannel channel, int total, Messages messages) {
            this.connection = connection;
            this.channel = channel;
            this.total = total;
            this.messages = messages;
        }

        void sendNext() throws IOException {
            out = ByteBuffer.wrap(MllpTestClient.frame(messages.message(connection, sent++).getBytes(StandardCharsets.UTF_8)));
            flush();
        }

        void flush() throws IOException {
            channel.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        /** Reads what has arrived; true once the last ACK is in. */
        boolean read() throws IOException {
            if (channel.read(in) < 0) {
                throw new IOException("connection " + connection + " closed after " + sent + " messages, before an ACK");
            }
            int end = ackEnd();
            if (end < 0) {
                if (!in.hasRemaining()) {
                    throw new IOException("an ACK longer than " + in.capacity() + " bytes on connection " + connection);
                }
                return false;
            }
            String ack = new String(in.array(), 1, end - 2, StandardCharsets.UTF_8); // between VT and FS
            if (in.get(0) != VT || !"AA".equals(MllpTestClient.ackCode(ack))) {
                throw new IOException("not accepted on connection " + connection + ": " + ack);
            }
            if (in.position() > end + 1) {
                throw new IOException("bytes after an ACK nobody asked for on connection " + connection);
            }
            in.clear();
            if (sent == total) {
                return true;
            }
            sendNext();
            return false;
        }

        /** The index of the CR that ends a frame read so far, or -1. */
        private int ackEnd() {
            for (int i = 1; i < in.position(); i++) {
                if (in.get(i) == CR && in.get(i - 1) == FS) {
                    return i;
                }
            }
            return -1;
        }
    }
}

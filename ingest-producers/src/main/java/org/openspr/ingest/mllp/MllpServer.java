package org.openspr.ingest.mllp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openspr.ingest.publish.IngestPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HL7 v2 over MLLP. One thread ({@code spr-mllp-io}) accepts connections and reads them all through a selector; a
 * few worker threads ({@code spr-mllp-N}, one per core) map the frames it cuts out; the ACK is written by whichever
 * thread sees the message's commit end. A connection has one message in hand at a time, so its ACKs go out in the
 * order its messages came in, each only after its message is committed.
 * <p>
 * Why not a thread per connection: a sender waits for each ACK, so such a thread sleeps twice per message (for the
 * next message, then for the commit) and is woken twice. On two cores shared with a broker, those wake-ups cost more
 * CPU than mapping the message did. Here no thread waits for a particular connection or commit.
 */
public final class MllpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MllpServer.class);
    private static final int READ_BUFFER_BYTES = 64 * 1024;

    private final MllpSettings settings;
    private final IngestPipeline pipeline;
    private final ExecutorService workers;
    private final Set<MllpConnection> open = ConcurrentHashMap.newKeySet();
    private final Queue<Runnable> ioTasks = new ConcurrentLinkedQueue<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES); // the I/O thread's own
    private ServerSocketChannel server;
    private Selector selector;
    private Thread io;
    private volatile boolean running;

    public MllpServer(MllpSettings settings, IngestPipeline pipeline) {
        this.settings = settings;
        this.pipeline = pipeline;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "spr-mllp-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Binds and starts accepting; returns when the port is open. */
    public synchronized MllpServer start() {
        try {
            selector = Selector.open();
            server = ServerSocketChannel.open();
            server.socket().setReuseAddress(true);
            server.bind(new InetSocketAddress(settings.host(), settings.port()), 256);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + settings.host() + ":" + settings.port(), e);
        }
        running = true;
        io = new Thread(this::loop, "spr-mllp-io");
        io.setDaemon(true);
        io.start();
        LOG.info("MLLP listening on {}:{}", settings.host(), port());
        return this;
    }

    public int port() {
        return server.socket().getLocalPort();
    }

    MllpSettings settings() {
        return settings;
    }

    IngestPipeline pipeline() {
        return pipeline;
    }

    ExecutorService workers() {
        return workers;
    }

    /** Runs a task on the I/O thread (changes to a connection's interest in reading or writing), waking it. */
    void onIoThread(Runnable task) {
        ioTasks.add(task);
        selector.wakeup();
    }

    void closed(MllpConnection connection) {
        open.remove(connection);
    }

    private void loop() {
        long sweepNanos = Math.max(10_000_000L, Math.min(1_000_000_000L, settings.readTimeout().toNanos() / 4));
        long nextSweep = System.nanoTime() + sweepNanos;
        while (running) {
            try {
                selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextSweep - System.nanoTime())));
                for (Runnable task = ioTasks.poll(); task != null; task = ioTasks.poll()) {
                    try {
                        task.run();
                    } catch (CancelledKeyException closedMeanwhile) {
                        // the connection was closed after the task was queued
                    }
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    ready(key);
                }
                long now = System.nanoTime();
                if (now - nextSweep >= 0) {
                    open.forEach(c -> c.sweep(now));
                    nextSweep = now + sweepNanos;
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    LOG.error("MLLP I/O loop hit an unexpected error; carrying on", e);
                }
            }
        }
    }

    private void ready(SelectionKey key) {
        try {
            if (!key.isValid()) {
                return;
            }
            if (key.isAcceptable()) {
                accept();
                return;
            }
            MllpConnection connection = (MllpConnection) key.attachment();
            if (key.isReadable()) {
                connection.readable(readBuffer);
            }
            if (key.isValid() && key.isWritable()) {
                connection.writable();
            }
        } catch (CancelledKeyException closedMeanwhile) {
            // another thread closed the connection between select and now: nothing left to serve
        }
    }

    private void accept() {
        while (true) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                LOG.warn("MLLP accept failed: {}", e.toString());
                return;
            }
            if (channel == null) {
                return;
            }
            if (open.size() >= settings.maxConnections()) {
                LOG.warn("MLLP: {} connections already open; refusing {}", settings.maxConnections(), remote(channel));
                closeQuietly(channel);
                continue;
            }
            try {
                channel.configureBlocking(false);
                channel.socket().setTcpNoDelay(true);
                MllpConnection connection = new MllpConnection(channel, remote(channel), this);
                connection.registered(channel.register(selector, SelectionKey.OP_READ, connection));
                open.add(connection);
            } catch (IOException e) {
                LOG.warn("MLLP: cannot serve {}: {}", remote(channel), e.toString());
                closeQuietly(channel);
            }
        }
    }

    private static String remote(SocketChannel channel) {
        try {
            return String.valueOf(channel.getRemoteAddress());
        } catch (IOException e) {
            return "(unknown peer)";
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (selector != null) {
            selector.wakeup();
        }
        if (io != null) {
            try {
                io.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (server != null) {
            closeQuietly(server);
        }
        open.forEach(MllpConnection::close);
        if (selector != null) {
            closeQuietly(selector);
        }
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing on shutdown or refusal: nothing useful to do with a failure
        }
    }
}

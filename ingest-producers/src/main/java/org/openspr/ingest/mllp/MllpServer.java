package org.openspr.ingest.mllp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openspr.ingest.publish.IngestPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HL7 v2 over MLLP: a blocking accept loop and one pooled thread per connection (up to maxConnections). Interface
 * engines keep a few long-lived connections and wait for each ACK, so a thread per connection is the simple fit.
 */
public final class MllpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MllpServer.class);

    private final MllpSettings settings;
    private final IngestPipeline pipeline;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor workers;
    private ServerSocket server;
    private Thread acceptor;
    private volatile boolean running;

    public MllpServer(MllpSettings settings, IngestPipeline pipeline) {
        this.settings = settings;
        this.pipeline = pipeline;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(0, settings.maxConnections(), 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "spr-mllp-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Binds and starts accepting; returns when the port is open. */
    public synchronized MllpServer start() {
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(settings.host(), settings.port()), 256);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + settings.host() + ":" + settings.port(), e);
        }
        running = true;
        acceptor = new Thread(this::acceptLoop, "spr-mllp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.info("MLLP listening on {}:{}", settings.host(), port());
        return this;
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (running) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (SocketException e) {
                if (running) {
                    LOG.warn("MLLP accept failed: {}", e.toString());
                }
                continue;
            } catch (IOException e) {
                LOG.warn("MLLP accept failed: {}", e.toString());
                continue;
            }
            open.add(socket);
            try {
                workers.execute(() -> {
                    try {
                        new MllpConnection(socket, settings, pipeline).run();
                    } finally {
                        open.remove(socket);
                    }
                });
            } catch (RejectedExecutionException full) {
                LOG.warn("MLLP: {} connections already open; refusing {}", settings.maxConnections(), socket.getRemoteSocketAddress());
                closeQuietly(socket);
                open.remove(socket);
            }
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (server != null) {
            closeQuietly(server);
        }
        open.forEach(MllpServer::closeQuietly);
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing on shutdown or refusal: nothing useful to do with a failure
        }
    }
}

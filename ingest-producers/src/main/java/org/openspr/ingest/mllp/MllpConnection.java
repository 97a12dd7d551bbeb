package org.openspr.ingest.mllp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.openspr.events.errors.SprException;
import org.openspr.ingest.IngestErrorCode;
import org.openspr.ingest.hl7.AckBuilder;
import org.openspr.ingest.hl7.Hl7Ingestor;
import org.openspr.ingest.hl7.MshHeader;
import org.openspr.ingest.map.IngestRejection;
import org.openspr.ingest.publish.InboundMessage;
import org.openspr.ingest.publish.TransactionalPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MLLP connection: one answer per frame, in order, until the peer closes or goes silent. The I/O thread reads and
 * cuts frames ({@link #readable}); a worker maps one frame at a time ({@link #answer}); the thread that sees its
 * commit end writes the ACK ({@link #send}) and hands the next waiting frame to a worker. Reading pauses while
 * more than one maximum-size message is waiting, so a sender that does not wait for ACKs cannot fill the heap.
 */
final class MllpConnection {
    private static final Logger LOG = LoggerFactory.getLogger(MllpConnection.class);
    static final String CHANNEL = "mllp";
    /** Frames read ahead of the one being answered, at most (a sender that waits for each ACK never has any). */
    private static final int MAX_WAITING = 64;

    private final SocketChannel channel;
    private final String peer;
    private final MllpServer server;
    private final MllpSettings settings;
    private final MllpFrameDecoder decoder;
    private SelectionKey key;

    // guarded by this
    private final ArrayDeque<MllpFrameDecoder.Frame> waiting = new ArrayDeque<>();
    private long waitingBytes;
    private boolean busy; // a frame is being answered: mapped, committed, or its ACK written
    private boolean ended; // the peer closed its side: serve what was read, then close
    private boolean readingPaused;
    private ByteBuffer unwritten; // the part of an ACK the socket did not take at once
    private CompletableFuture<?> commit; // the answered frame's commit, while it runs
    private MllpFrameDecoder.Frame committing;
    private long commitSince;
    private boolean closed;
    private volatile long lastActivity = System.nanoTime();

    MllpConnection(SocketChannel channel, String peer, MllpServer server) {
        this.channel = channel;
        this.peer = peer;
        this.server = server;
        this.settings = server.settings();
        this.decoder = new MllpFrameDecoder(settings.maxMessageBytes());
    }

    void registered(SelectionKey key) {
        this.key = key;
    }

    /** I/O thread: reads what has arrived and queues the frames it completes. */
    void readable(ByteBuffer buffer) {
        for (int reads = 0; reads < 16; reads++) {
            buffer.clear();
            int n;
            try {
                n = channel.read(buffer);
            } catch (IOException e) {
                LOG.debug("MLLP connection from {} ended: {}", peer, e.toString());
                close();
                return;
            }
            if (n < 0) {
                decoder.end(this::arrived);
                synchronized (this) {
                    ended = true;
                }
                key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
                break;
            }
            lastActivity = System.nanoTime();
            buffer.flip();
            decoder.feed(buffer, this::arrived);
            if (n < buffer.capacity()) {
                break; // nothing more for now
            }
        }
        next();
    }

    private void arrived(MllpFrameDecoder.Frame frame) {
        synchronized (this) {
            waiting.add(frame);
            waitingBytes += frame.bytes().length;
            if (!readingPaused && (waiting.size() >= MAX_WAITING || waitingBytes > settings.maxMessageBytes())) {
                readingPaused = true;
                key.interestOps(key.interestOps() & ~SelectionKey.OP_READ); // on the I/O thread: takes effect at once
            }
        }
    }

    /** Hands the next waiting frame to a worker, unless one is being answered; closes once all is answered at the end. */
    private void next() {
        MllpFrameDecoder.Frame frame;
        synchronized (this) {
            if (busy || closed) {
                return;
            }
            frame = waiting.poll();
            if (frame == null) {
                if (ended) {
                    close();
                }
                return;
            }
            busy = true;
            waitingBytes -= frame.bytes().length;
            if (readingPaused && !ended && waiting.size() < MAX_WAITING / 2 && waitingBytes <= settings.maxMessageBytes() / 2) {
                readingPaused = false;
                interestFromIoThread(SelectionKey.OP_READ);
            }
        }
        AutoCloseable preparing = server.pipeline().publisher().preparing(); // a lane about to commit waits for it
        try {
            server.workers().execute(() -> answer(frame, preparing));
        } catch (RejectedExecutionException shuttingDown) {
            MllpServer.closeQuietly(preparing);
            close();
        }
    }

    /** Worker: maps and queues the frame, then has its ACK sent once its commit has ended. */
    private void answer(MllpFrameDecoder.Frame frame, AutoCloseable preparing) {
        CompletableFuture<String> ack;
        try {
            ack = switch (frame.kind()) {
                case MESSAGE -> message(frame, preparing);
                case OVERSIZED -> refuse(frame, new IngestRejection(null, IngestErrorCode.MESSAGE_TOO_LARGE, frame.size(),
                        settings.maxMessageBytes()), preparing);
                case GARBAGE -> refuse(frame, new IngestRejection(null, IngestErrorCode.FRAME_GARBAGE, frame.size()), preparing);
                case TRUNCATED -> refuse(frame, new IngestRejection(null, IngestErrorCode.FRAME_TRUNCATED, frame.size()), preparing);
            };
        } catch (SprException e) {
            ack = CompletableFuture.completedFuture(systemError(frame, e));
        } catch (RuntimeException e) {
            LOG.error("MLLP connection from {} failed; closing it (the listener keeps running)", peer, e);
            close();
            return;
        } finally {
            MllpServer.closeQuietly(preparing);
        }
        ack.whenComplete((text, error) -> {
            if (error != null) {
                LOG.error("MLLP connection from {} failed; closing it (the listener keeps running)", peer, error);
                close();
            } else {
                send(text);
            }
        });
    }

    private CompletableFuture<String> message(MllpFrameDecoder.Frame frame, AutoCloseable preparing) {
        CompletableFuture<Hl7Ingestor.Result> committed = server.pipeline().hl7(frame.bytes(), CHANNEL, preparing);
        watch(committed, frame);
        return committed.handle((result, error) -> {
            if (error != null) {
                return systemError(frame, error);
            }
            return result.mapped().rejected() ? AckBuilder.reject(result.header(), result.mapped().rejection())
                    : AckBuilder.accept(result.header());
        });
    }

    private CompletableFuture<String> refuse(MllpFrameDecoder.Frame frame, IngestRejection why, AutoCloseable preparing) {
        MllpServer.closeQuietly(preparing);
        CompletableFuture<Void> committed = server.pipeline().deadLetter(frame.bytes(), CHANNEL, InboundMessage.HL7_V2, peer, why);
        watch(committed, frame);
        return committed.handle((ok, error) -> error != null ? systemError(frame, error) : AckBuilder.reject(header(frame), why));
    }

    /** The I/O thread's sweep fails a commit that has run past the publish timeout: its sender is told so. */
    private synchronized void watch(CompletableFuture<?> committed, MllpFrameDecoder.Frame frame) {
        commit = committed;
        committing = frame;
        commitSince = System.nanoTime();
    }

    /** An AE for a message that could not be stored; anything but an SprException is a fault that closes the connection. */
    private String systemError(MllpFrameDecoder.Frame frame, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (!(cause instanceof SprException spr)) {
            throw error instanceof CompletionException c ? c : new CompletionException(cause);
        }
        MshHeader msh = header(frame);
        LOG.warn("MLLP message {} not stored: {}", msh.controlId(), spr.getMessage());
        return AckBuilder.systemError(msh, spr);
    }

    /** The header an error ACK is addressed from; a stored message's ACK uses the ingestor's own reading instead. */
    private static MshHeader header(MllpFrameDecoder.Frame frame) {
        String text = new String(frame.bytes(), StandardCharsets.ISO_8859_1); // only to address the ACK; decoding is the ingestor's job
        return MshHeader.read(text.replace('\n', '\r'));
    }

    /** Writes an ACK without waiting: what the socket does not take now, the I/O thread writes when it can. */
    private void send(String ack) {
        byte[] text = ack.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(text.length + 3);
        out.put(MllpFrameDecoder.VT).put(text).put(MllpFrameDecoder.FS).put(MllpFrameDecoder.CR).flip();
        if (!write(out)) {
            return;
        }
        if (out.hasRemaining()) {
            synchronized (this) {
                unwritten = out;
            }
            interestFromIoThread(SelectionKey.OP_WRITE);
            return;
        }
        answered();
    }

    /** Writes what the socket takes now; false when the connection has ended (it is closed then). */
    private boolean write(ByteBuffer out) {
        try {
            channel.write(out);
            return true;
        } catch (IOException e) {
            LOG.debug("MLLP connection from {} ended before its ACK: {}", peer, e.toString());
            close();
            return false;
        }
    }

    /** Asks the I/O thread to watch the connection for {@code op} again (a change from another thread needs its wake-up). */
    private void interestFromIoThread(int op) {
        server.onIoThread(() -> {
            if (key.isValid()) {
                key.interestOps(key.interestOps() | op);
            }
        });
    }

    /** I/O thread: the socket can take more of an ACK. */
    void writable() {
        ByteBuffer out;
        synchronized (this) {
            out = unwritten;
        }
        if (out != null && (!write(out) || out.hasRemaining())) {
            return;
        }
        key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
        synchronized (this) {
            unwritten = null;
        }
        answered();
    }

    private void answered() {
        synchronized (this) {
            busy = false;
            commit = null;
            committing = null;
        }
        lastActivity = System.nanoTime();
        next();
    }

    /** I/O thread, now and then: closes a connection silent for the read timeout, times out a commit that hangs. */
    void sweep(long now) {
        CompletableFuture<?> overdue = null;
        MllpFrameDecoder.Frame frame = null;
        boolean idle;
        synchronized (this) {
            if (commit != null && now - commitSince > server.pipeline().publisher().publishTimeout().toNanos()) {
                overdue = commit;
                frame = committing;
                commit = null;
            }
            idle = !busy && waiting.isEmpty() && now - lastActivity > settings.readTimeout().toNanos();
        }
        if (overdue != null) {
            overdue.completeExceptionally(server.pipeline().publisher().timedOut(header(frame).controlId()));
        }
        if (idle) {
            LOG.debug("MLLP connection from {} idle for {}; closing", peer, settings.readTimeout());
            close();
        }
    }

    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (key != null) {
            key.cancel();
        }
        MllpServer.closeQuietly(channel);
        server.closed(this);
    }
}

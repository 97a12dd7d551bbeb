package org.openspr.ingest.mllp;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts MLLP frames ({@code <VT> message <FS><CR>}) out of bytes as they arrive from a connection, in whatever pieces
 * the network delivers them, and classifies what it finds so that the connection can answer each piece of input: a
 * message, an oversized frame, a cut-off frame, or garbage. Not thread-safe: one decoder per connection, fed by the
 * thread that reads it.
 */
final class MllpFrameDecoder {
    static final byte VT = 0x0B;
    static final byte FS = 0x1C;
    static final byte CR = 0x0D;
    /** How much of an oversized or garbage input is kept for the dead-letter topic. */
    static final int KEPT_PREFIX = 64 * 1024;
    /** A buffer grown beyond this for one large frame is let go once that frame is out. */
    private static final int RETAINED_BYTES = 1024 * 1024;

    enum Kind { MESSAGE, OVERSIZED, TRUNCATED, GARBAGE }

    /** One piece of input; {@code size} is the full length even when only a prefix is kept in {@code bytes}. */
    record Frame(Kind kind, byte[] bytes, long size) {
    }

    private final int maxBytes;
    private byte[] buffer = new byte[8192];
    private int length;
    private long size;
    /** Inside a frame (after its {@code <VT>}), rather than between frames. */
    private boolean inFrame;

    MllpFrameDecoder(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Consumes all of {@code input}, handing each frame it completes to {@code frames}, in order. */
    void feed(ByteBuffer input, Consumer<Frame> frames) {
        while (input.hasRemaining()) {
            if (inFrame) {
                frameBytes(input, frames);
            } else {
                betweenFrames(input.get(), frames);
            }
        }
    }

    /**
     * The peer closed its side: a frame it left unfinished is truncated (a {@code <VT>} alone is nothing), input that
     * never started a frame is garbage.
     */
    void end(Consumer<Frame> frames) {
        if (size > 0) {
            frames.accept(new Frame(inFrame ? Kind.TRUNCATED : Kind.GARBAGE, kept(), size));
        }
        reset();
        inFrame = false;
    }

    /** True when no part of a frame (or of garbage) is waiting for more bytes. */
    boolean idle() {
        return !inFrame && size == 0;
    }

    // Inside a frame: the run up to the next <FS> or <VT> is the message's, copied at once.
    private void frameBytes(ByteBuffer input, Consumer<Frame> frames) {
        int start = input.position();
        int limit = input.limit();
        int at = start;
        byte b = 0;
        if (input.hasArray()) {
            byte[] array = input.array();
            int offset = input.arrayOffset();
            while (at < limit) {
                b = array[offset + at];
                if (b == FS || b == VT) {
                    break;
                }
                at++;
            }
            append(array, offset + start, at - start);
        } else {
            while (at < limit) {
                b = input.get(at);
                if (b == FS || b == VT) {
                    break;
                }
                append(b);
                at++;
            }
        }
        if (at == limit) {
            input.position(limit);
            return;
        }
        input.position(at + 1);
        if (b == FS) {
            frames.accept(new Frame(size > maxBytes ? Kind.OVERSIZED : Kind.MESSAGE, kept(), size));
            inFrame = false;
        } else { // a <VT> inside a frame: the frame was cut off, and this one starts the next
            frames.accept(new Frame(Kind.TRUNCATED, kept(), size));
        }
        reset();
    }

    // Between frames: the CR/LF left after a frame is skipped; anything else before the next <VT> is garbage, answered
    // on its own.
    private void betweenFrames(byte b, Consumer<Frame> frames) {
        if (b == VT) {
            if (size > 0) {
                frames.accept(new Frame(Kind.GARBAGE, kept(), size));
            }
            reset();
            inFrame = true;
        } else if (b == FS) { // a message sent without <VT>: answer it as garbage rather than wait forever
            frames.accept(new Frame(Kind.GARBAGE, kept(), Math.max(size, 1)));
            reset();
        } else if (size > 0 || (b != CR && b != '\n' && b != ' ' && b != '\t')) {
            append(b);
        }
    }

    private void reset() {
        length = 0;
        size = 0;
        if (buffer.length > RETAINED_BYTES) {
            buffer = new byte[8192]; // one large message must not pin megabytes for the connection's lifetime
        }
    }

    private void append(byte b) {
        size++;
        if (length < limit()) {
            ensureRoom(1);
            buffer[length++] = b;
        }
    }

    // Over the limit: keep counting, stop keeping.
    private void append(byte[] bytes, int from, int n) {
        size += n;
        int keep = Math.min(n, limit() - length);
        if (keep > 0) {
            ensureRoom(keep);
            System.arraycopy(bytes, from, buffer, length, keep);
            length += keep;
        }
    }

    private int limit() {
        return size > maxBytes ? KEPT_PREFIX : maxBytes;
    }

    private void ensureRoom(int n) {
        if (length + n > buffer.length) {
            long wanted = Math.max((long) buffer.length * 2, (long) length + n);
            buffer = Arrays.copyOf(buffer, (int) Math.min(wanted, Math.max((long) maxBytes + 1, KEPT_PREFIX)));
        }
    }

    private byte[] kept() {
        int n = size > maxBytes ? Math.min(length, KEPT_PREFIX) : length;
        return Arrays.copyOf(buffer, n);
    }
}

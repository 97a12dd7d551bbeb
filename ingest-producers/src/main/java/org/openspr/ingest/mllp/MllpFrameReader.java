package org.openspr.ingest.mllp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads MLLP frames ({@code <VT> message <FS><CR>}) from a stream and classifies what it finds, so that the
 * connection can answer each piece of input: a message, an oversized frame, a cut-off frame, or garbage.
 */
final class MllpFrameReader {
    static final int VT = 0x0B;
    static final int FS = 0x1C;
    static final int CR = 0x0D;
    /** How much of an oversized or garbage input is kept for the dead-letter topic. */
    static final int KEPT_PREFIX = 64 * 1024;

    enum Kind { MESSAGE, OVERSIZED, TRUNCATED, GARBAGE }

    /** One piece of input; {@code size} is the full length even when only a prefix is kept in {@code bytes}. */
    record Frame(Kind kind, byte[] bytes, long size) {
    }

    private final InputStream in;
    private final int maxBytes;
    private byte[] buffer = new byte[8192];
    private int length;
    private long size;
    private boolean pendingStart; // a <VT> that ended the previous (truncated) frame starts the next one

    MllpFrameReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next frame, or null at end of stream between frames. Throws SocketTimeoutException on the read timeout. */
    Frame next() throws IOException {
        if (!pendingStart) {
            Frame garbage = skipToStart();
            if (garbage != null) {
                return garbage;
            }
            if (!pendingStart) {
                return null;
            }
        }
        pendingStart = false;
        reset();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return size == 0 ? null : new Frame(Kind.TRUNCATED, kept(), size);
            }
            if (b == FS) {
                return new Frame(size > maxBytes ? Kind.OVERSIZED : Kind.MESSAGE, kept(), size);
            }
            if (b == VT) {
                pendingStart = true;
                return new Frame(Kind.TRUNCATED, kept(), size);
            }
            append(b);
        }
    }

    /** Skips the CR/LF left after a frame; anything else before the next <VT> is garbage, answered on its own. */
    private Frame skipToStart() throws IOException {
        reset();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return size == 0 ? null : new Frame(Kind.GARBAGE, kept(), size);
            }
            if (b == VT) {
                pendingStart = true;
                return size == 0 ? null : new Frame(Kind.GARBAGE, kept(), size);
            }
            if (b == FS) { // a message sent without <VT>: answer it as garbage rather than wait forever
                return new Frame(Kind.GARBAGE, kept(), Math.max(size, 1));
            }
            if (size == 0 && (b == CR || b == '\n' || b == ' ' || b == '\t')) {
                continue;
            }
            append(b);
        }
    }

    private void reset() {
        length = 0;
        size = 0;
    }

    private void append(int b) {
        size++;
        int limit = size > maxBytes ? KEPT_PREFIX : maxBytes;
        if (length >= limit) {
            return; // over the limit: keep counting, stop keeping
        }
        if (length == buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, (long) maxBytes + 1));
        }
        buffer[length++] = (byte) b;
    }

    private byte[] kept() {
        int n = size > maxBytes ? Math.min(length, KEPT_PREFIX) : length;
        return Arrays.copyOf(buffer, n);
    }
}

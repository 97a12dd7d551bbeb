package org.openspr.projector.record;

import java.io.OutputStream;
import java.util.Arrays;

/** A growable byte buffer without ByteArrayOutputStream's locking; encoders write into it and slices are read back. */
final class ByteSink extends OutputStream {
    private byte[] buf = new byte[4096];
    private int count;

    @Override
    public void write(int b) {
        ensure(1);
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int off, int len) {
        ensure(len);
        System.arraycopy(bytes, off, buf, count, len);
        count += len;
    }

    void writeInt(int value) {
        ensure(4);
        buf[count++] = (byte) (value >>> 24);
        buf[count++] = (byte) (value >>> 16);
        buf[count++] = (byte) (value >>> 8);
        buf[count++] = (byte) value;
    }

    void reset() {
        count = 0;
    }

    int size() {
        return count;
    }

    byte[] buffer() {
        return buf;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, count);
    }

    private void ensure(int more) {
        if (count + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
        }
    }
}

package org.openspr.audit.ledger;

import java.nio.ByteBuffer;

/** Avro bytes fields come as ByteBuffers whose position others may move; copy out without touching it. */
public final class Bytes {
    private Bytes() {
    }

    public static byte[] of(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}

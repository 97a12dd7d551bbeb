package org.openspr.projector.record;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.function.Function;
import org.openspr.events.avro.RecordItem;

/**
 * A value of the {@link RecordStores#RECORD_ITEMS} store: the item as stored, decoded into a {@link RecordItem} only
 * when someone asks for it. Reading a record does not have to decode what a reader already holds: {@link #bytes()} is
 * the complete stored content, so equal bytes always mean the same item (readers may key caches by the bytes, hashed
 * with {@link #contentHash()}). New items ({@link #of}) have no bytes until the store writes them.
 */
public final class StoredItem {
    private static final int EDGE = 256;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] bytes;
    private final Function<byte[], RecordItem> decoder;
    private volatile RecordItem item;

    private StoredItem(byte[] bytes, Function<byte[], RecordItem> decoder, RecordItem item) {
        this.bytes = bytes;
        this.decoder = decoder;
        this.item = item;
    }

    /** A new or changed item, to be encoded when it is put into the store. */
    public static StoredItem of(RecordItem item) {
        return new StoredItem(null, null, Objects.requireNonNull(item, "item"));
    }

    /** An item as read from the store; decoded by {@code decoder} on first use. */
    public static StoredItem stored(byte[] bytes, Function<byte[], RecordItem> decoder) {
        return new StoredItem(Objects.requireNonNull(bytes, "bytes"), decoder, null);
    }

    /** The item, decoded on first call (a corrupt value throws the serde's SerializationException here). */
    public RecordItem item() {
        RecordItem decoded = item;
        if (decoded == null) {
            decoded = decoder.apply(bytes);
            item = decoded;
        }
        return decoded;
    }

    /** The stored form, or null for an item not read from a store. Callers must not modify it. */
    public byte[] bytes() {
        return bytes;
    }

    /** A hash of the stored bytes (0 for an item not read from a store). */
    public int contentHash() {
        return bytes == null ? 0 : hash(bytes);
    }

    /**
     * A hash of the length, the first and last {@value #EDGE} bytes and every fourth word in between: cheap for large items,
     * and it only decides buckets (equality is always checked on every byte), so a collision costs time, never correctness.
     */
    static int hash(byte[] data) {
        long h = data.length;
        int end = data.length - Long.BYTES;
        int i = 0;
        for (; i <= end; i += i < EDGE || i >= data.length - EDGE ? Long.BYTES : 4 * Long.BYTES) {
            h = h * 0x9E3779B97F4A7C15L + (long) LONGS.get(data, i);
        }
        for (int j = Math.max(0, end + 1); j < data.length; j++) {
            h = h * 31 + data[j];
        }
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }
}

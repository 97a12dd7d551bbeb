package org.openspr.query.streams;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Arrays;
import org.openspr.events.avro.RecordItem;
import org.openspr.projector.record.StoredItem;
import org.openspr.query.core.RecordEntry;

/**
 * Items read from the projector's store, decoded once per stored content. An item's stored bytes are its complete
 * content, so the same bytes always decode to the same item, and a changed item (new version, new source, new flag) has
 * different bytes and is decoded afresh: nothing here can be stale. The same content always yields the same
 * {@link RecordEntry} instance, which lets the renderings of an entry be remembered by identity
 * ({@link org.openspr.query.api.RenderedItems}, {@link org.openspr.query.fhir.EncodedResources}). Bounded by an
 * estimate of the memory held; 0 decodes every item on every read.
 */
public final class DecodedItems {
    // Decoded Avro objects take several times their binary size.
    private static final int DECODED_BYTES_PER_STORED_BYTE = 8;
    private static final int OVERHEAD_BYTES = 512;

    /** A stored item decoded: the projector's item and the query side's entry for it. */
    public record Decoded(RecordItem item, RecordEntry entry) {
        static Decoded of(RecordItem item) {
            return new Decoded(item, ProjectorRecordSource.entry(item));
        }
    }

    private record Content(byte[] bytes, int hash) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Content content && hash == content.hash && Arrays.equals(bytes, content.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final Cache<Content, Decoded> items;

    public DecodedItems(long maxBytes) {
        this.items = maxBytes <= 0 ? null : Caffeine.newBuilder().maximumWeight(maxBytes)
                .weigher((Content content, Decoded decoded) -> content.bytes().length * DECODED_BYTES_PER_STORED_BYTE + OVERHEAD_BYTES)
                .build();
    }

    public Decoded decode(StoredItem stored) {
        if (items == null || stored.bytes() == null) {
            return Decoded.of(stored.item());
        }
        return items.get(new Content(stored.bytes(), stored.contentHash()), content -> Decoded.of(stored.item()));
    }
}

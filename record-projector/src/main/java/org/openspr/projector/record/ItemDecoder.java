package org.openspr.projector.record;

import org.openspr.events.avro.RecordItem;

/**
 * How a reader turns a stored item into a {@link RecordItem}. The default decodes every time; a long-lived reader (the
 * query service) may remember decoded items by their stored bytes, which are the item's complete content.
 */
@FunctionalInterface
public interface ItemDecoder {
    ItemDecoder DECODE_EVERY_TIME = StoredItem::item;

    RecordItem decode(StoredItem stored);
}

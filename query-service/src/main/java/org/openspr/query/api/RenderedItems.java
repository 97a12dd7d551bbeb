package org.openspr.query.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import org.openspr.query.core.RecordEntry;

/**
 * Released items as their JSON ({@link ItemView} written by the service's own mapper), remembered by the entry's full
 * value: turning Avro payloads into JSON is a large share of a record read, and an unchanged item always renders the same.
 * The key is the whole {@link RecordEntry} (current event, labels, sources, flags) compared by value, so a changed item
 * is never answered from an older rendering. Bounded by the size of the JSON held; 0 renders every time.
 */
public final class RenderedItems {
    private final Cache<RecordEntry, String> cache;

    public RenderedItems(long maxBytes) {
        this.cache = maxBytes <= 0 ? null : Caffeine.newBuilder().maximumWeight(maxBytes)
                .weigher((RecordEntry entry, String json) -> json.length() * 2 + 256).build();
    }

    /** The entry, to be written as its {@link ItemView} JSON. */
    public Item item(RecordEntry entry) {
        return new Item(entry, this);
    }

    String json(RecordEntry entry, ObjectMapper mapper) throws IOException {
        if (cache == null) {
            return mapper.writeValueAsString(ItemView.of(entry));
        }
        String json = cache.getIfPresent(entry);
        if (json == null) {
            json = mapper.writeValueAsString(ItemView.of(entry));
            cache.put(entry, json);
        }
        return json;
    }

    /** One released item in a response; written as its ItemView. */
    @JsonSerialize(using = ItemSerializer.class)
    public record Item(RecordEntry entry, RenderedItems rendered) {
    }

    static final class ItemSerializer extends JsonSerializer<Item> {
        @Override
        public void serialize(Item item, JsonGenerator json, SerializerProvider provider) throws IOException {
            // The generator's codec is the mapper serializing this response, so items render exactly as ItemView would.
            if (json.getCodec() instanceof ObjectMapper mapper) {
                json.writeRawValue(item.rendered().json(item.entry(), mapper));
            } else {
                provider.defaultSerializeValue(ItemView.of(item.entry()), json);
            }
        }
    }
}

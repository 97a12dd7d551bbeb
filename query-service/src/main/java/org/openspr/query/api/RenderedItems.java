package org.openspr.query.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import org.openspr.query.core.RecordEntry;

/**
 * Released items as their JSON ({@link ItemView} written by the service's own mapper), remembered per entry: turning
 * Avro payloads into JSON is a large share of a record read, and an unchanged item always renders the same. Entries are
 * compared by identity and held weakly: the record source hands out the same {@link RecordEntry} instance for the same
 * stored content ({@code DecodedItems}) and a new one for changed content, so a changed item is never answered from an
 * older rendering. The JSON is kept as UTF-8 and copied into the response as it is. Bounded by the size of the JSON
 * held; 0 renders every time.
 */
public final class RenderedItems {
    private final Cache<RecordEntry, SerializedString> cache;

    public RenderedItems(long maxBytes) {
        this.cache = maxBytes <= 0 ? null : Caffeine.newBuilder().weakKeys().maximumWeight(maxBytes)
                .weigher((RecordEntry entry, SerializedString json) -> json.asUnquotedUTF8().length + 256).build();
    }

    /** The entry, to be written as its {@link ItemView} JSON. */
    public Item item(RecordEntry entry) {
        return new Item(entry, this);
    }

    SerializedString json(RecordEntry entry, ObjectMapper mapper) throws IOException {
        if (cache == null) {
            return render(entry, mapper);
        }
        SerializedString json = cache.getIfPresent(entry);
        if (json == null) {
            json = render(entry, mapper);
            cache.put(entry, json);
        }
        return json;
    }

    private static SerializedString render(RecordEntry entry, ObjectMapper mapper) throws IOException {
        SerializedString json = new SerializedString(mapper.writeValueAsString(ItemView.of(entry)));
        json.asUnquotedUTF8(); // encoded once here, then copied as bytes into every response
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

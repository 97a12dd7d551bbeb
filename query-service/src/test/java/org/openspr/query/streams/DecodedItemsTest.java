package org.openspr.query.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openspr.events.avro.RecordItem;
import org.openspr.events.avro.RecordSection;
import org.openspr.projector.record.StoredItem;

class DecodedItemsTest {
    final AtomicInteger decodes = new AtomicInteger();

    @Test
    void shouldDecodeTheSameStoredContentOnceAndHandOutTheSameEntry() {
        DecodedItems decoded = new DecodedItems(1024 * 1024);

        DecodedItems.Decoded first = decoded.decode(read("allergy-1 v1"));
        DecodedItems.Decoded again = decoded.decode(read("allergy-1 v1")); // a fresh read: new array, same bytes

        assertThat(again.item()).isSameAs(first.item());
        assertThat(again.entry()).isSameAs(first.entry());
        assertThat(decodes).hasValue(1);
        assertThat(first.entry().itemId()).isEqualTo("allergy-1 v1");
    }

    @Test
    void shouldDecodeChangedContentAfresh() {
        DecodedItems decoded = new DecodedItems(1024 * 1024);
        DecodedItems.Decoded before = decoded.decode(read("allergy-1 v1"));

        DecodedItems.Decoded after = decoded.decode(read("allergy-1 v2"));

        assertThat(after.item()).isNotSameAs(before.item());
        assertThat(after.entry().itemId()).isEqualTo("allergy-1 v2");
        assertThat(after.entry()).isNotSameAs(before.entry());
        assertThat(decodes).hasValue(2);
    }

    @Test
    void shouldTellApartContentsWhoseHashesCollide() {
        // The hash samples large items; a change between sampled words keeps the hash but never the identity.
        byte[] large = new byte[2048];
        java.util.Arrays.fill(large, (byte) 'a');
        byte[] changedInTheMiddle = large.clone();
        changedInTheMiddle[300] = 'b';
        StoredItem one = StoredItem.stored(large, bytes -> { decodes.incrementAndGet(); return item("one"); });
        StoredItem other = StoredItem.stored(changedInTheMiddle, bytes -> { decodes.incrementAndGet(); return item("other"); });
        DecodedItems decoded = new DecodedItems(1024 * 1024);

        assertThat(one.contentHash()).isEqualTo(other.contentHash());
        assertThat(decoded.decode(one).item().getItemId()).isEqualTo("one");
        assertThat(decoded.decode(other).item().getItemId()).isEqualTo("other");
        assertThat(decodes).hasValue(2);
    }

    @Test
    void shouldDecodeEveryReadWhenDisabled() {
        DecodedItems decoded = new DecodedItems(0);

        decoded.decode(read("allergy-1 v1"));
        decoded.decode(read("allergy-1 v1"));

        assertThat(decodes).hasValue(2);
    }

    @Test
    void shouldDecodeAnItemThatWasNeverStored() {
        RecordItem item = item("new");

        assertThat(new DecodedItems(1024 * 1024).decode(StoredItem.of(item)).item()).isSameAs(item);
    }

    // The "stored bytes" of these items are their item id; the decoder counts its calls.
    private StoredItem read(String content) {
        return StoredItem.stored(content.getBytes(StandardCharsets.UTF_8), bytes -> {
            decodes.incrementAndGet();
            return item(new String(bytes, StandardCharsets.UTF_8));
        });
    }

    private static RecordItem item(String itemId) {
        return RecordItem.newBuilder().setNhsNumber("9434765919").setSection(RecordSection.ALLERGIES).setItemId(itemId)
                .setCurrent(null).setEnteredInError(true).setConflict(false).setClinicalTime(null).setSensitivity(List.of())
                .setSources(List.of()).setHistory(List.of()).build();
    }
}

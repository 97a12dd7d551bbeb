package org.openspr.query.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import org.junit.jupiter.api.Test;
import org.openspr.query.core.RecordEntry;
import org.openspr.query.testing.TestRecords;

class RenderedItemsTest {
    static final ObjectMapper MAPPER = ApiJson.configure(Jackson.newObjectMapper());
    final RenderedItems rendered = new RenderedItems(1024 * 1024);

    @Test
    void shouldRenderExactlyAsTheItemViewWould() throws Exception {
        RecordEntry entry = condition("Hypertension");

        assertThat(MAPPER.writeValueAsString(rendered.item(entry))).isEqualTo(MAPPER.writeValueAsString(ItemView.of(entry)));
    }

    @Test
    void shouldReuseTheRenderingOfTheSameEntry() throws Exception {
        RecordEntry entry = condition("Hypertension");
        SerializedString first = rendered.json(entry, MAPPER);

        assertThat(rendered.json(entry, MAPPER)).isSameAs(first);
    }

    @Test
    void shouldNeverAnswerAChangedItemFromAnOlderRendering() throws Exception {
        rendered.json(condition("Hypertension"), MAPPER);

        assertThat(rendered.json(condition("Essential hypertension"), MAPPER).getValue()).contains("Essential hypertension");
        assertThat(rendered.json(condition("Hypertension", "PSY"), MAPPER).getValue()).contains("PSY");
    }

    @Test
    void shouldRenderAnEqualEntryThatIsNotTheSameInstanceAfresh() throws Exception {
        // Identity is what the record source guarantees per stored content; equal-looking entries are not trusted.
        SerializedString first = rendered.json(condition("Hypertension"), MAPPER);

        assertThat(rendered.json(condition("Hypertension"), MAPPER)).isNotSameAs(first).isEqualTo(first);
    }

    // Built afresh each time, as a read of changed content decodes a new entry.
    private static RecordEntry condition(String display, String... labels) {
        return TestRecords.patient("9434765919").condition("38341003", display, labels).build().entries().get(0);
    }
}

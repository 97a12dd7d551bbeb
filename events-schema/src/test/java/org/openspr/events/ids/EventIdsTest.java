package org.openspr.events.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void shouldGiveTheSameIdForTheSameSourceMessageAndVersion() {
        assertThat(EventIds.eventId("RX1|PAS", "MSG0001", "1")).isEqualTo(EventIds.eventId("RX1|PAS", "MSG0001", "1"));
    }

    @Test
    void shouldGiveDifferentIdsWhenAnyPartDiffers() {
        String base = EventIds.eventId("RX1|PAS", "MSG0001", "1");
        assertThat(EventIds.eventId("RX1|PAS", "MSG0001", "2")).isNotEqualTo(base);
        assertThat(EventIds.eventId("RX1|PAS", "MSG0002", "1")).isNotEqualTo(base);
        assertThat(EventIds.eventId("RX2|PAS", "MSG0001", "1")).isNotEqualTo(base);
        assertThat(EventIds.eventId("RX1|PASM", "SG0001", "1")).as("parts are separated, not concatenated").isNotEqualTo(base);
    }

    @Test
    void shouldProduceVersion8IetfUuids() {
        UUID id = UUID.fromString(EventIds.itemId("RX1|PAS", "OBX-1"));
        assertThat(id.version()).isEqualTo(8);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void shouldKeepItemIdsApartFromEventIds() {
        assertThat(EventIds.itemId("s", "x")).isNotEqualTo(EventIds.eventId("s", "x", ""));
    }

    @Test
    void shouldGiveTheSameIdAfterACallThatFailedHalfWay() {
        String before = EventIds.eventId("RX1|PAS", "MSG0001", "1");
        assertThatNullPointerException().isThrownBy(() -> EventIds.eventId("RX1|PAS", "MSG0001", null));
        assertThat(EventIds.eventId("RX1|PAS", "MSG0001", "1")).as("the digest the failed call used is reset").isEqualTo(before);
    }

    @Test
    void shouldKeepAPinnedId() {
        // computed once with a fresh MessageDigest per call; reusing a digest per thread must not change any id
        assertThat(EventIds.eventId("RX1|PAS", "MSG0001", "1")).isEqualTo(PINNED);
    }

    private static final String PINNED = "534af1c3-c7f9-8cf0-a349-8abf41353f5f";
}

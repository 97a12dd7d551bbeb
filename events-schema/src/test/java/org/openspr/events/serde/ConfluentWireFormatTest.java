package org.openspr.events.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.openspr.events.errors.SprException;

class ConfluentWireFormatTest {

    @Test
    void shouldReadTheSchemaIdBigEndianAfterMagicByteZero() {
        byte[] data = {0, 0x00, 0x01, 0x02, 0x03, 42};
        assertThat(ConfluentWireFormat.schemaId(data)).isEqualTo(0x00010203);
    }

    @Test
    void shouldRejectRecordsShorterThanTheHeader() {
        assertThatThrownBy(() -> ConfluentWireFormat.schemaId(new byte[] {0, 0, 1}))
                .isInstanceOf(SprException.class).hasMessageStartingWith("SPR-1001");
    }

    @Test
    void shouldRejectAWrongMagicByte() {
        assertThatThrownBy(() -> ConfluentWireFormat.schemaId("{\"json\":true}".getBytes()))
                .isInstanceOf(SprException.class)
                .hasMessage("SPR-1002: Record starts with magic byte 123, expected 0: not Confluent wire format");
    }
}

package org.openspr.ingest.map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {
    @Test
    void shouldAcceptAsciiAndWellFormedMultiByteText() {
        assertThatCode(() -> Utf8.check("plain ascii, longer than eight bytes".getBytes(StandardCharsets.UTF_8))).doesNotThrowAnyException();
        assertThatCode(() -> Utf8.check("M\u00fcller \u20ac \uD83D\uDE00".getBytes(StandardCharsets.UTF_8))).doesNotThrowAnyException();
        assertThatCode(() -> Utf8.check(new byte[0])).doesNotThrowAnyException();
    }

    @Test
    void shouldRejectBytesThatAreNotUtf8WhereverTheyAre() {
        byte[] latin1 = "{\"family\":\"M\u00fcller\"}".getBytes(StandardCharsets.ISO_8859_1); // 0xFC in the first eight bytes' tail
        assertThatThrownBy(() -> Utf8.check(latin1)).hasMessageStartingWith("SPR-2002");
        byte[] overlong = {'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', (byte) 0xC0, (byte) 0x80}; // in the tail, past the 8-byte blocks
        assertThatThrownBy(() -> Utf8.check(overlong)).hasMessageStartingWith("SPR-2002");
    }
}

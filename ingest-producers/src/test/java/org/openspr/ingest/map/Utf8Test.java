package org.openspr.ingest.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
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

    @Test
    void shouldRejectEachKindOfIllFormedSequence() {
        int[][] bad = {
            {0x80}, {0xBF}, // a continuation byte with no lead
            {0xC0, 0x80}, {0xC1, 0xBF}, {0xE0, 0x9F, 0xBF}, {0xF0, 0x8F, 0xBF, 0xBF}, // overlong
            {0xED, 0xA0, 0x80}, {0xED, 0xBF, 0xBF}, // surrogates
            {0xF4, 0x90, 0x80, 0x80}, {0xF5, 0x80, 0x80, 0x80}, {0xFF}, // above U+10FFFF, or never a lead
            {0xC3}, {0xE2, 0x82}, {0xF0, 0x9F, 0x98}, // cut short at the end
            {0xC3, 0x41}, {0xE2, 0x82, 0x41}, {0xF0, 0x9F, 0x98, 0x41}, // a continuation that is not one
        };
        for (int[] sequence : bad) {
            byte[] bytes = new byte[sequence.length + 9];
            System.arraycopy("abcdefghi".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 9);
            for (int k = 0; k < sequence.length; k++) {
                bytes[9 + k] = (byte) sequence[k];
            }
            assertThat(Utf8.isWellFormed(bytes)).as(java.util.Arrays.toString(sequence)).isFalse();
            assertThatThrownBy(() -> Utf8.check(bytes)).as(java.util.Arrays.toString(sequence))
                    .hasMessageStartingWith("SPR-2002").hasMessageEndingWith("at byte 9");
        }
    }

    @Test
    void shouldAgreeWithTheJdksStrictDecoderOnRandomBytes() {
        SplittableRandom random = new SplittableRandom(20261123);
        int invalid = 0;
        for (int run = 0; run < 200_000; run++) {
            byte[] bytes = new byte[random.nextInt(1, 24)];
            for (int k = 0; k < bytes.length; k++) { // mostly text-like: ASCII, lead bytes and continuation bytes
                int kind = random.nextInt(8);
                bytes[k] = (byte) (kind < 3 ? random.nextInt(0x20, 0x7F) : kind < 6 ? random.nextInt(0x80, 0xC0) : random.nextInt(0xC0, 0x100));
            }
            boolean jdk = Utf8.isValid(bytes, StandardCharsets.UTF_8);
            assertThat(Utf8.isWellFormed(bytes)).as("%s", java.util.HexFormat.of().formatHex(bytes)).isEqualTo(jdk);
            invalid += jdk ? 0 : 1;
        }
        assertThat(invalid).as("the sample has both verdicts").isBetween(1, 199_999);
    }

    @Test
    void shouldAgreeWithTheJdkOnEveryCodePoint() {
        StringBuilder text = new StringBuilder();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
                text.appendCodePoint(cp);
            }
        }
        assertThat(Utf8.isWellFormed(text.toString().getBytes(StandardCharsets.UTF_8))).isTrue();
    }
}

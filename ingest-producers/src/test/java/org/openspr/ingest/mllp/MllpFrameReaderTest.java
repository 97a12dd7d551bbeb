package org.openspr.ingest.mllp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MllpFrameReaderTest {
    private static MllpFrameReader reader(String input, int max) {
        return new MllpFrameReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.ISO_8859_1)), max);
    }

    @Test
    void shouldReadConsecutiveFramesAndIgnoreTheLineEndsBetweenThem() throws IOException {
        MllpFrameReader r = reader("\u000bMSH|1\u001c\r\n\u000bMSH|2\u001c\r", 100);

        assertThat(new String(r.next().bytes(), StandardCharsets.ISO_8859_1)).isEqualTo("MSH|1");
        assertThat(new String(r.next().bytes(), StandardCharsets.ISO_8859_1)).isEqualTo("MSH|2");
        assertThat(r.next()).isNull();
    }

    @Test
    void shouldClassifyGarbageTruncationAndOversizeAndCarryOn() throws IOException {
        MllpFrameReader r = reader("junk\u000bMSH|cut\u000bMSH|ok\u001c\r\u000b" + "x".repeat(50) + "\u001c\r\u000bMSH|end", 20);

        assertThat(r.next().kind()).isEqualTo(MllpFrameReader.Kind.GARBAGE);
        assertThat(r.next().kind()).isEqualTo(MllpFrameReader.Kind.TRUNCATED);
        assertThat(r.next().kind()).isEqualTo(MllpFrameReader.Kind.MESSAGE);
        MllpFrameReader.Frame big = r.next();
        assertThat(big.kind()).isEqualTo(MllpFrameReader.Kind.OVERSIZED);
        assertThat(big.size()).isEqualTo(50);
        assertThat(r.next().kind()).isEqualTo(MllpFrameReader.Kind.TRUNCATED);
        assertThat(r.next()).isNull();
    }
}

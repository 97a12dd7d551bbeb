package org.openspr.ingest.mllp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MllpFrameDecoderTest {
    /** Everything the decoder makes of the input, fed in pieces of {@code piece} bytes, then the end of the stream. */
    private static List<MllpFrameDecoder.Frame> decode(String input, int max, int piece) {
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        MllpFrameDecoder decoder = new MllpFrameDecoder(max);
        List<MllpFrameDecoder.Frame> frames = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += piece) {
            decoder.feed(ByteBuffer.wrap(bytes, at, Math.min(piece, bytes.length - at)), frames::add);
        }
        decoder.end(frames::add);
        return frames;
    }

    private static String text(MllpFrameDecoder.Frame frame) {
        return new String(frame.bytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void shouldReadConsecutiveFramesAndIgnoreTheLineEndsBetweenThem() {
        for (int piece : new int[] {1, 3, 1000}) {
            List<MllpFrameDecoder.Frame> frames = decode("\u000bMSH|1\u001c\r\n\u000bMSH|2\u001c\r", 100, piece);

            assertThat(frames).extracting(MllpFrameDecoderTest::text).as("in pieces of %d", piece).containsExactly("MSH|1", "MSH|2");
            assertThat(frames).extracting(MllpFrameDecoder.Frame::kind).containsOnly(MllpFrameDecoder.Kind.MESSAGE);
        }
    }

    @Test
    void shouldClassifyGarbageTruncationAndOversizeAndCarryOn() {
        for (int piece : new int[] {1, 7, 1000}) {
            List<MllpFrameDecoder.Frame> frames = decode(
                    "junk\u000bMSH|cut\u000bMSH|ok\u001c\r\u000b" + "x".repeat(50) + "\u001c\r\u000bMSH|end", 20, piece);

            assertThat(frames).extracting(MllpFrameDecoder.Frame::kind).as("in pieces of %d", piece).containsExactly(
                    MllpFrameDecoder.Kind.GARBAGE, MllpFrameDecoder.Kind.TRUNCATED, MllpFrameDecoder.Kind.MESSAGE,
                    MllpFrameDecoder.Kind.OVERSIZED, MllpFrameDecoder.Kind.TRUNCATED);
            assertThat(frames).extracting(MllpFrameDecoderTest::text).containsExactly("junk", "MSH|cut", "MSH|ok", "x".repeat(50), "MSH|end");
            assertThat(frames.get(3).size()).isEqualTo(50);
        }
    }

    @Test
    void shouldKeepOnlyAPrefixOfAnOversizedFrameButCountAllOfIt() {
        int size = MllpFrameDecoder.KEPT_PREFIX * 3;
        List<MllpFrameDecoder.Frame> frames = decode("\u000b" + "y".repeat(size) + "\u001c\r\u000bMSH|next\u001c\r", 10, 4096);

        assertThat(frames).extracting(MllpFrameDecoder.Frame::kind)
                .containsExactly(MllpFrameDecoder.Kind.OVERSIZED, MllpFrameDecoder.Kind.MESSAGE);
        assertThat(frames.get(0).size()).isEqualTo(size);
        assertThat(frames.get(0).bytes()).hasSize(MllpFrameDecoder.KEPT_PREFIX);
        assertThat(text(frames.get(1))).isEqualTo("MSH|next");
    }

    @Test
    void shouldAnswerAMessageSentWithoutItsStartByteAsGarbageAndIgnoreALoneStartByteAtTheEnd() {
        List<MllpFrameDecoder.Frame> frames = decode("MSH|no-start\u001c\r\u000bMSH|ok\u001c\r\u000b", 100, 5);

        assertThat(frames).extracting(MllpFrameDecoder.Frame::kind)
                .containsExactly(MllpFrameDecoder.Kind.GARBAGE, MllpFrameDecoder.Kind.MESSAGE);
        assertThat(text(frames.get(0))).isEqualTo("MSH|no-start");
    }
}

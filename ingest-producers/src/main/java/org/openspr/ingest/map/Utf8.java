package org.openspr.ingest.map;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.openspr.ingest.IngestErrorCode;

/** Strict decoding: bad bytes are a rejection naming the offset, never silently replaced by U+FFFD. */
public final class Utf8 {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Utf8() {
    }

    public static String decode(byte[] bytes, Charset charset) {
        String fast = new String(bytes, charset);
        if (fast.indexOf('\uFFFD') < 0) { // the JDK's decoder is intrinsic and fast; only suspicious text is re-checked
            return stripBom(fast);
        }
        return strict(bytes, charset);
    }

    /**
     * Throws the rejection {@link #decode} would for bytes that are not strict UTF-8, without decoding them: for
     * parsers that read the bytes themselves. ASCII, most of any message, is skipped eight bytes at a time; each other
     * sequence is checked against the Unicode standard's table of well-formed UTF-8 (no overlong forms, no surrogates,
     * nothing above U+10FFFF). Bad bytes go through the JDK's strict decoder, so the rejection names the same offset.
     */
    public static void check(byte[] bytes) {
        if (!isWellFormed(bytes)) {
            strict(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Whether the bytes are well-formed UTF-8 (Unicode 15, table 3-7), the same verdict as the JDK's strict decoder. */
    static boolean isWellFormed(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            if (i <= n - Long.BYTES && ((long) LONGS.get(bytes, i) & 0x8080808080808080L) == 0) {
                i += Long.BYTES;
                continue;
            }
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int length;
            int low = 0x80; // the range of the second byte, which the first byte narrows
            int high = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                length = 2;
            } else if (b >= 0xE0 && b <= 0xEF) {
                length = 3;
                if (b == 0xE0) {
                    low = 0xA0; // shorter forms are overlong
                } else if (b == 0xED) {
                    high = 0x9F; // ED A0..BF would be a surrogate
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                length = 4;
                if (b == 0xF0) {
                    low = 0x90;
                } else if (b == 0xF4) {
                    high = 0x8F; // above U+10FFFF otherwise
                }
            } else {
                return false; // a continuation byte with no lead, C0/C1 (always overlong) or F5..FF
            }
            if (i + length > n) {
                return false;
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < low || second > high) {
                return false;
            }
            for (int k = 2; k < length; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += length;
        }
        return true;
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text; // a BOM is not content
    }

    private static String strict(byte[] bytes, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) (bytes.length * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new IngestRejection(null, IngestErrorCode.NOT_UTF8, charset.name(), in.position());
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw new IngestRejection(null, IngestErrorCode.NOT_UTF8, charset.name(), in.position());
        }
        out.flip();
        return stripBom(out.toString());
    }

    /** For callers that only want to know. */
    public static boolean isValid(byte[] bytes, Charset charset) {
        try {
            charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}

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
     * Throws the rejection {@link #decode} would for bytes that are not strict UTF-8, without keeping the text: for
     * parsers that read the bytes themselves. Pure ASCII, the common case, is recognised eight bytes at a time.
     */
    public static void check(byte[] bytes) {
        if (!isAscii(bytes)) {
            decode(bytes, StandardCharsets.UTF_8);
        }
    }

    private static boolean isAscii(byte[] bytes) {
        int i = 0;
        for (int end = bytes.length - Long.BYTES; i <= end; i += Long.BYTES) {
            if (((long) LONGS.get(bytes, i) & 0x8080808080808080L) != 0) {
                return false;
            }
        }
        for (; i < bytes.length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
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

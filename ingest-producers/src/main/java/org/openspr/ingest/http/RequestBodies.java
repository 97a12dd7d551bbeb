package org.openspr.ingest.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a request body whole into an array of its own. When the request says its length (and it is within the limit),
 * the body goes straight into an array of that size, in as few reads as the server's buffers allow; otherwise (chunked,
 * or too large) it is read in steps of a few KB and gathered, as {@link InputStream#readNBytes(int)} does.
 */
final class RequestBodies {
    private RequestBodies() {
    }

    /**
     * @param contentLength the request's Content-Length header, or null
     * @return the body; more than max bytes (the first max + 1 of them, the rest unread) when it is too large
     */
    static byte[] read(InputStream body, String contentLength, int max) throws IOException {
        long declared = declaredLength(contentLength);
        if (declared < 0 || declared > max) {
            return body.readNBytes(max + 1);
        }
        byte[] bytes = new byte[(int) declared];
        int read = body.readNBytes(bytes, 0, bytes.length);
        if (read < bytes.length) {
            return Arrays.copyOf(bytes, read); // ended early: what arrived is what the parser gets, and it says what is wrong
        }
        int next = body.read();
        if (next < 0) {
            return bytes;
        }
        // longer than it said (a server that does not frame bodies by their length): the rest too, up to the limit
        byte[] rest = body.readNBytes(max - bytes.length);
        byte[] all = Arrays.copyOf(bytes, bytes.length + 1 + rest.length);
        all[bytes.length] = (byte) next;
        System.arraycopy(rest, 0, all, bytes.length + 1, rest.length);
        return all;
    }

    /** The Content-Length as a number; -1 when absent or not a plain non-negative number. */
    static long declaredLength(String contentLength) {
        if (contentLength == null || contentLength.isEmpty() || contentLength.length() > 18) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < contentLength.length(); i++) {
            char c = contentLength.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}

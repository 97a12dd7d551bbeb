package org.openspr.ingest.fhir;

import org.openspr.ingest.IngestErrorCode;
import org.openspr.ingest.map.IngestRejection;

/**
 * Refuses absurdly nested JSON before a recursive parser sees it (a stack overflow would take the thread down). Scans
 * the UTF-8 bytes: the structural characters are ASCII and never occur inside a multi-byte sequence, and a byte loop
 * is several times cheaper than charAt over a decoded (often UTF-16) string.
 */
final class JsonDepth {
    private JsonDepth() {
    }

    static void check(byte[] json, int maxDepth) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0, n = json.length; i < n; i++) {
            byte c = json[i];
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > maxDepth) {
                    throw new IngestRejection(null, IngestErrorCode.FHIR_TOO_DEEP, "JSON", maxDepth);
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
    }
}

package org.openspr.ingest.fhir;

import org.openspr.ingest.IngestErrorCode;
import org.openspr.ingest.map.IngestRejection;

/**
 * Refuses absurdly nested JSON before a recursive parser sees it (a stack overflow would take the thread down). Almost
 * all of a FHIR document is inside strings; those are skipped with {@link String#indexOf(int, int)}, which the JVM
 * runs as a vector search, so the guard costs a few per cent of the parse instead of a fifth.
 */
final class JsonDepth {
    private JsonDepth() {
    }

    static void check(String json, int maxDepth) {
        int depth = 0;
        int n = json.length();
        int i = 0;
        while (i < n) {
            char c = json.charAt(i);
            if (c == '"') {
                i = afterString(json, i + 1);
                continue;
            }
            if (c == '{' || c == '[') {
                if (++depth > maxDepth) {
                    throw new IngestRejection(null, IngestErrorCode.FHIR_TOO_DEEP, "JSON", maxDepth);
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
            i++;
        }
    }

    /** Index after the quote that closes the string starting at {@code from}: a quote preceded by an odd run of backslashes is escaped. */
    private static int afterString(String json, int from) {
        int quote = json.indexOf('"', from);
        while (quote >= 0) {
            int backslashes = 0;
            for (int k = quote - 1; k >= from && json.charAt(k) == '\\'; k--) {
                backslashes++;
            }
            if ((backslashes & 1) == 0) {
                return quote + 1;
            }
            quote = json.indexOf('"', quote + 1);
        }
        return json.length(); // unterminated: the parser will say so
    }
}

package org.openspr.ingest.fhir;

import org.openspr.ingest.IngestErrorCode;
import org.openspr.ingest.map.IngestRejection;

/** Refuses absurdly nested JSON before a recursive parser sees it (a stack overflow would take the thread down). */
final class JsonDepth {
    private JsonDepth() {
    }

    static void check(String json, int maxDepth) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0, n = json.length(); i < n; i++) {
            char c = json.charAt(i);
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
                    throw new IngestRejection(null, IngestErrorCode.FHIR_TOO_DEEP, maxDepth);
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
    }
}

package org.openspr.ingest.hl7;

import java.util.ArrayList;
import java.util.List;

/** Splits HL7 text on one delimiter character, keeping empty parts (like {@code split(quote(d), -1)}, without a regex). */
final class Delimited {
    private Delimited() {
    }

    static String[] split(String text, char delimiter) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = text.indexOf(delimiter); i >= 0; i = text.indexOf(delimiter, start)) {
            parts.add(text.substring(start, i));
            start = i + 1;
        }
        parts.add(text.substring(start));
        return parts.toArray(String[]::new);
    }
}

package org.openspr.ingest.accounting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Counts what goes in, independently of the code under test: FHIR resources by plain JSON, HL7 segments by lines. */
final class InputCounter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InputCounter() {
    }

    /** Entries of a Bundle (each holds one resource), or 1 for a single resource. */
    static int fhirResources(byte[] json) {
        try {
            JsonNode root = JSON.readTree(json);
            if ("Bundle".equals(root.path("resourceType").asText()) && root.has("entry")) {
                return root.get("entry").size();
            }
            return 1;
        } catch (IOException e) {
            return 1; // unreadable: one rejected message
        }
    }

    static int hl7Segments(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1).replace("\r\n", "\r").replace('\n', '\r');
        return (int) Arrays.stream(text.split("\r")).filter(l -> !l.isBlank()).count();
    }
}

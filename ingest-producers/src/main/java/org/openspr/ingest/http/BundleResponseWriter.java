package org.openspr.ingest.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.openspr.ingest.map.ItemOutcome;
import org.openspr.ingest.map.MappedMessage;

/**
 * Writes the transaction-response / batch-response Bundle straight to JSON: one entry per request entry with its
 * status, location and OperationOutcome. Building HAPI model objects only to encode them again cost a fifth of the
 * parse per bundle; the shape is small and fixed, so it is written by hand (tests read it back with HAPI).
 */
final class BundleResponseWriter {
    private static final JsonFactory JSON = new JsonFactory();

    private BundleResponseWriter() {
    }

    static byte[] write(MappedMessage m, boolean batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + m.outcomes().size() * 200);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("resourceType", "Bundle");
            g.writeStringField("type", batch ? "batch-response" : "transaction-response");
            g.writeArrayFieldStart("entry");
            for (ItemOutcome o : m.outcomes()) {
                g.writeStartObject();
                g.writeObjectFieldStart("response");
                switch (o.status()) {
                    case RECORDED -> {
                        g.writeStringField("status", "201 Created");
                        g.writeStringField("location", FhirResponses.location(o));
                        outcome(g, IssueSeverity.INFORMATION, IssueType.INFORMATIONAL,
                                "recorded as event " + String.join(", ", o.eventIds()), null);
                    }
                    case NOT_RECORDED -> {
                        g.writeStringField("status", "200 OK");
                        outcome(g, IssueSeverity.INFORMATION, IssueType.INFORMATIONAL, o.text(), o.location());
                    }
                    case REJECTED -> {
                        int status = OperationOutcomes.status(o.code());
                        g.writeStringField("status", status + " " + FhirResponses.reason(status));
                        outcome(g, IssueSeverity.ERROR, OperationOutcomes.issueType(o.code()), o.text(), o.location());
                    }
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory: cannot happen
        }
        return out.toByteArray();
    }

    private static void outcome(JsonGenerator g, IssueSeverity severity, IssueType type, String text, String expression)
            throws IOException {
        g.writeObjectFieldStart("outcome");
        g.writeStringField("resourceType", "OperationOutcome");
        g.writeArrayFieldStart("issue");
        g.writeStartObject();
        g.writeStringField("severity", severity.toCode());
        g.writeStringField("code", type.toCode());
        if (text != null) {
            g.writeStringField("diagnostics", text);
        }
        if (expression != null) {
            g.writeArrayFieldStart("expression");
            g.writeString(expression);
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }
}

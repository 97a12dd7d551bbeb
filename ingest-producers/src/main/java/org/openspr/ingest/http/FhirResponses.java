package org.openspr.ingest.http;

import jakarta.ws.rs.core.Response;
import java.util.List;
import org.hl7.fhir.r4.model.Resource;
import org.openspr.ingest.fhir.FhirIngestor;
import org.openspr.ingest.map.ItemOutcome;
import org.openspr.ingest.map.MappedMessage;

/** Turns a mapped message into the FHIR answer: a transaction/batch-response Bundle or an OperationOutcome. */
final class FhirResponses {
    static final String FHIR_JSON = "application/fhir+json";

    private FhirResponses() {
    }

    static Response forBundle(MappedMessage m, boolean batch) {
        if (m.rejected()) {
            return rejected(m);
        }
        return Response.ok(BundleResponseWriter.write(m, batch), FHIR_JSON).build();
    }

    static Response forResource(MappedMessage m) {
        if (m.rejected()) {
            return rejected(m);
        }
        ItemOutcome o = m.outcomes().get(0);
        Response.ResponseBuilder builder = o.status() == ItemOutcome.Status.RECORDED
                ? Response.status(201).header("Location", location(o)) : Response.ok();
        return builder.entity(encode(OperationOutcomes.of(o))).type(FHIR_JSON).build();
    }

    static Response error(int status, String code, String text, String expression) {
        return Response.status(status).entity(encode(OperationOutcomes.error(code, text, expression))).type(FHIR_JSON).build();
    }

    /** A rolled-back transaction or a refused message: one issue per rejected item (or the message's own reason). */
    private static Response rejected(MappedMessage m) {
        var rejection = m.rejection();
        var oo = OperationOutcomes.error(rejection.errorCode().code(), rejection.getMessage(), rejection.location());
        List<ItemOutcome> items = m.outcomes().stream()
                .filter(o -> o.status() == ItemOutcome.Status.REJECTED && !rejection.errorCode().code().equals(o.code())).toList();
        for (ItemOutcome o : items) {
            oo.getIssue().addAll(OperationOutcomes.of(o).getIssue());
        }
        return Response.status(OperationOutcomes.status(rejection.errorCode().code())).entity(encode(oo)).type(FHIR_JSON).build();
    }

    static String location(ItemOutcome o) {
        String eventId = o.eventIds().isEmpty() ? "" : o.eventIds().get(0);
        return o.itemType() + "/" + eventId; // the event id is the durable handle: the source's own id stays in the event
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 503 -> "Service Unavailable";
            default -> "Unprocessable Entity";
        };
    }

    static String encode(Resource resource) {
        return FhirIngestor.context().newJsonParser().encodeResourceToString(resource);
    }
}

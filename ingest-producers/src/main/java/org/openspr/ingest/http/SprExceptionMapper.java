package org.openspr.ingest.http;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.openspr.events.errors.SprException;

/** Any SprException a resource lets through becomes an OperationOutcome with its code; Kafka trouble is a 503. */
public final class SprExceptionMapper implements ExceptionMapper<SprException> {
    @Override
    public Response toResponse(SprException e) {
        String code = e.errorCode().code();
        Response response = FhirResponses.error(OperationOutcomes.status(code), code, e.getMessage(), null);
        return OperationOutcomes.isPublishFailure(e.errorCode())
                ? Response.fromResponse(response).status(503).header("Retry-After", "5").build() : response;
    }
}

package org.openspr.ingest.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.openspr.ingest.IngestErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error the FHIR endpoint gives is an OperationOutcome, not only the ones our code raises: Jersey's own refusals
 * (unknown path, wrong method) and unexpected failures get one too, with an SPR code.
 */
final class FhirErrorMappers {
    private FhirErrorMappers() {
    }

    /** 404, 405, 406 … from Jersey: same status, FHIR body. */
    static final class Refused implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            String reason = e.getResponse().getStatusInfo().getReasonPhrase();
            return FhirResponses.error(status, IngestErrorCode.HTTP_REQUEST_REFUSED.code(),
                    IngestErrorCode.HTTP_REQUEST_REFUSED.format(status, reason), null);
        }
    }

    /** Anything else: a 500 whose OperationOutcome says the message was not stored (so the sender re-sends). */
    static final class Unexpected implements ExceptionMapper<RuntimeException> {
        private static final Logger LOG = LoggerFactory.getLogger(Unexpected.class);

        @Override
        public Response toResponse(RuntimeException e) {
            if (e instanceof WebApplicationException web) {
                return new Refused().toResponse(web);
            }
            LOG.error("FHIR ingest request failed unexpectedly", e);
            return FhirResponses.error(500, IngestErrorCode.UNEXPECTED_ERROR.code(), IngestErrorCode.UNEXPECTED_ERROR.format(e.toString()),
                    null);
        }
    }
}

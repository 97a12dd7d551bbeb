package org.openspr.query.resources;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.openspr.query.QueryErrorCode;
import org.openspr.query.api.ErrorResponse;
import org.openspr.query.audit.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything else: JAX-RS errors keep their status; a bug is logged with the request id and answered SPR-4900. */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorResponse("HTTP-" + status, web.getMessage())).build();
        }
        String requestId = RequestIds.current();
        LOG.error("Request {} failed", requestId, e);
        return Response.serverError().type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorResponse.of(QueryErrorCode.INTERNAL.format(requestId))).build();
    }
}

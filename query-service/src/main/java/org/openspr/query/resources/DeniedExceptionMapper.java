package org.openspr.query.resources;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.openspr.query.api.ErrorResponse;
import org.openspr.query.core.DeniedException;

/** Policy refusals (403) and missing records (404); both were audited before they were thrown. */
public final class DeniedExceptionMapper implements ExceptionMapper<DeniedException> {
    @Override
    public Response toResponse(DeniedException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(ErrorResponse.of(e.getMessage())).build();
    }
}

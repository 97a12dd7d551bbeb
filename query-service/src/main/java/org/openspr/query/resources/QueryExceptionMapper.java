package org.openspr.query.resources;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.openspr.query.QueryException;
import org.openspr.query.api.ErrorResponse;

/** SPR-coded errors to their status: 401 with a Bearer challenge, 503 with Retry-After, others as they are. */
public final class QueryExceptionMapper implements ExceptionMapper<QueryException> {
    private final int retryAfterSeconds;

    public QueryExceptionMapper(int retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public Response toResponse(QueryException e) {
        Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorResponse.of(e.getMessage()));
        if (e.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        }
        if (e.status() == 503) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
        }
        return response.build();
    }
}

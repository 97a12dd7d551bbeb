package org.openspr.query.resources;

import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.openspr.query.api.AccessLogEntryView;
import org.openspr.query.core.AccessLogService;
import org.openspr.query.core.Caller;

/** The auditor's API (privacy officer): who accessed a patient, what a user accessed. */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {
    private static final int MAX_ENTRIES = 5000;
    private final AccessLogService accessLog;

    public AuditResource(AccessLogService accessLog) {
        this.accessLog = accessLog;
    }

    @GET
    @Path("/patients/{nhsNumber}")
    public Response patient(@Auth Caller caller, @PathParam("nhsNumber") String nhsNumber, @QueryParam("from") String from,
                            @QueryParam("to") String to, @QueryParam("limit") Integer limit, @QueryParam("order") String order,
                            @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return AccessLogPaging.answer(accessLog.accessesToPatient(caller, nhsNumber, AccessLogPaging.query(from, to, limit, order,
                cursor, MAX_ENTRIES)), uri, AccessLogEntryView::forAuditor);
    }

    @GET
    @Path("/users/{userId}")
    public Response user(@Auth Caller caller, @PathParam("userId") String userId, @QueryParam("from") String from,
                         @QueryParam("to") String to, @QueryParam("limit") Integer limit, @QueryParam("order") String order,
                         @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return AccessLogPaging.answer(accessLog.accessesByUser(caller, userId, AccessLogPaging.query(from, to, limit, order,
                cursor, MAX_ENTRIES)), uri, AccessLogEntryView::forAuditor);
    }
}

package org.openspr.query.resources;

import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
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
    public List<AccessLogEntryView> patient(@Auth Caller caller, @PathParam("nhsNumber") String nhsNumber,
                                            @QueryParam("from") String from, @QueryParam("to") String to,
                                            @QueryParam("limit") Integer limit) {
        return accessLog.accessesToPatient(caller, nhsNumber, start(from), end(to), RequestParams.limit(limit, MAX_ENTRIES))
                .stream().map(AccessLogEntryView::forAuditor).toList();
    }

    @GET
    @Path("/users/{userId}")
    public List<AccessLogEntryView> user(@Auth Caller caller, @PathParam("userId") String userId,
                                         @QueryParam("from") String from, @QueryParam("to") String to,
                                         @QueryParam("limit") Integer limit) {
        return accessLog.accessesByUser(caller, userId, start(from), end(to), RequestParams.limit(limit, MAX_ENTRIES))
                .stream().map(AccessLogEntryView::forAuditor).toList();
    }

    private static Instant start(String from) {
        Instant start = RequestParams.instant("from", from, false);
        return start == null ? Instant.EPOCH : start;
    }

    private static Instant end(String to) {
        Instant end = RequestParams.instant("to", to, true);
        return end == null ? Instant.now().plusSeconds(1) : end;
    }
}

package org.openspr.query.resources;

import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.openspr.events.avro.AuditAction;
import org.openspr.query.QueryErrorCode;
import org.openspr.query.QueryException;
import org.openspr.query.api.AccessLogEntryView;
import org.openspr.query.api.RecordResponse;
import org.openspr.query.api.RenderedItems;
import org.openspr.query.core.AccessLogService;
import org.openspr.query.core.Caller;
import org.openspr.query.core.RecordService;
import org.openspr.query.streams.PatientScoped;

/** The patient-facing API: my record, and who accessed it. Only patient tokens are accepted. */
@Path("/v1/me")
@Produces(MediaType.APPLICATION_JSON)
public final class MeResource {
    private static final int MAX_LOG_ENTRIES = 1000;
    private final RecordService records;
    private final RenderedItems items;
    private final AccessLogService accessLog;

    public MeResource(RecordService records, AccessLogService accessLog, RenderedItems items) {
        this.records = records;
        this.items = items;
        this.accessLog = accessLog;
    }

    @GET
    @PatientScoped
    @Path("/record")
    public RecordResponse record(@Auth Caller caller, @QueryParam("sections") String sections) {
        if (!caller.isPatient()) {
            throw new QueryException(403, QueryErrorCode.NOT_A_PATIENT);
        }
        return RecordResponse.bySection(items, records.read(caller, new RecordService.Request(caller.patientNhsNumber(),
                RequestParams.sections(sections), null, null, null, AuditAction.READ, "GET /v1/me/record", null)));
    }

    @GET
    @Path("/access-log")
    public Response accessLog(@Auth Caller caller, @QueryParam("from") String from, @QueryParam("to") String to,
                              @QueryParam("limit") Integer limit, @QueryParam("order") String order,
                              @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        return AccessLogPaging.answer(accessLog.ownAccessLog(caller, AccessLogPaging.query(from, to, limit, order, cursor,
                MAX_LOG_ENTRIES)), uri, AccessLogEntryView::forPatient);
    }
}

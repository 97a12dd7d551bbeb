package org.openspr.query.resources;

import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.openspr.events.avro.AuditAction;
import org.openspr.query.api.RecordResponse;
import org.openspr.query.api.RenderedItems;
import org.openspr.query.core.Caller;
import org.openspr.query.core.RecordService;
import org.openspr.query.streams.PatientScoped;

/** The clinician's view of a patient: the record by section, and the timeline. */
@Path("/v1/patients/{nhsNumber}")
@Produces(MediaType.APPLICATION_JSON)
public final class PatientRecordResource {
    private final RecordService records;
    private final RenderedItems items;

    public PatientRecordResource(RecordService records, RenderedItems items) {
        this.records = records;
        this.items = items;
    }

    @GET
    @PatientScoped
    @Path("/record")
    public RecordResponse record(@Auth Caller caller, @PathParam("nhsNumber") String nhsNumber,
                                 @QueryParam("sections") String sections,
                                 @HeaderParam(RequestParams.BREAK_GLASS_HEADER) String breakGlassHeader,
                                 @QueryParam("breakGlassReason") String breakGlassParam) {
        return RecordResponse.bySection(items, records.read(caller, new RecordService.Request(nhsNumber, RequestParams.sections(sections),
                null, null, RequestParams.breakGlass(breakGlassHeader, breakGlassParam), AuditAction.READ,
                "GET /v1/patients/{nhsNumber}/record", sections == null ? null : "sections=" + sections)));
    }

    @GET
    @PatientScoped
    @Path("/timeline")
    public RecordResponse timeline(@Auth Caller caller, @PathParam("nhsNumber") String nhsNumber,
                                   @QueryParam("from") String from, @QueryParam("to") String to,
                                   @QueryParam("sections") String sections,
                                   @HeaderParam(RequestParams.BREAK_GLASS_HEADER) String breakGlassHeader,
                                   @QueryParam("breakGlassReason") String breakGlassParam) {
        return RecordResponse.timeline(items, records.read(caller, new RecordService.Request(nhsNumber, RequestParams.sections(sections),
                RequestParams.instant("from", from, false), RequestParams.instant("to", to, true),
                RequestParams.breakGlass(breakGlassHeader, breakGlassParam), AuditAction.READ,
                "GET /v1/patients/{nhsNumber}/timeline", "from=" + from + "&to=" + to)));
    }
}

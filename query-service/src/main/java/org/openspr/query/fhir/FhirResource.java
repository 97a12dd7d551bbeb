package org.openspr.query.fhir;

import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Set;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.openspr.events.avro.AuditAction;
import org.openspr.query.QueryErrorCode;
import org.openspr.query.QueryException;
import org.openspr.query.core.Caller;
import org.openspr.query.core.RecordService;
import org.openspr.query.streams.PatientScoped;

/** The FHIR R4 read API: Patient/$everything, search by patient per type, and the CapabilityStatement. */
@Path("/fhir")
@Produces({FhirJsonWriter.FHIR_JSON, "application/json"})
public final class FhirResource {
    private final RecordService records;
    private final BundleBuilder bundles;
    private final FhirConfig config;
    private final CapabilityStatement capabilities;

    public FhirResource(RecordService records, FhirConfig config, EncodedResources resources) {
        this.records = records;
        this.config = config;
        this.bundles = new BundleBuilder(resources);
        this.capabilities = CapabilityStatements.of(config.baseUrl);
    }

    @GET
    @Path("/metadata")
    @PermitAll
    public CapabilityStatement metadata() {
        return capabilities;
    }

    @GET
    @PatientScoped
    @Path("/Patient/{nhsNumber}/{operation: \\$everything}")
    public SearchsetBundle everything(@Auth Caller caller, @PathParam("nhsNumber") String nhsNumber, @QueryParam("_since") String since,
                             @QueryParam("_type") String type, @QueryParam("start") String start, @QueryParam("end") String end,
                             @QueryParam("_count") String count, @QueryParam("_cursor") String cursor,
                             @HeaderParam("X-Break-Glass-Reason") String breakGlass, @Context UriInfo uri) {
        return search(caller, nhsNumber, FhirTypeIndex.types(type), since, start, end, count, cursor, breakGlass, uri,
                AuditAction.EVERYTHING);
    }

    @GET
    @PatientScoped
    @Path("/{type: [A-Z][A-Za-z]+}")
    public SearchsetBundle searchByPatient(@Auth Caller caller, @PathParam("type") String type, @QueryParam("patient") String patient,
                                  @QueryParam("_id") String id, @QueryParam("_since") String since,
                                  @QueryParam("_count") String count, @QueryParam("_cursor") String cursor,
                                  @HeaderParam("X-Break-Glass-Reason") String breakGlass, @Context UriInfo uri) {
        String subject = "Patient".equals(type) && id != null ? id : patient;
        if (subject == null) {
            throw new QueryException(400, QueryErrorCode.BAD_PARAMETER, "patient", "search needs patient=<NHS number>");
        }
        String nhsNumber = subject.startsWith("Patient/") ? subject.substring("Patient/".length()) : subject;
        return search(caller, nhsNumber, FhirTypeIndex.types(type), since, null, null, count, cursor, breakGlass, uri,
                AuditAction.SEARCH);
    }

    private SearchsetBundle search(Caller caller, String nhsNumber, Set<String> types, String since, String start, String end,
                          String count, String cursor, String breakGlass, UriInfo uri, AuditAction action) {
        int pageSize = pageSize(count);
        Instant sinceTime = org.openspr.query.resources.RequestParams.instant("_since", since, false);
        PageSelector page = new PageSelector(types, sinceTime, cursor, pageSize);
        var released = records.read(caller, new RecordService.Request(nhsNumber, FhirTypeIndex.sectionsFor(types),
                org.openspr.query.resources.RequestParams.instant("start", start, false),
                org.openspr.query.resources.RequestParams.instant("end", end, true), breakGlass, action,
                "GET /fhir/" + uri.getPath().replaceFirst("^/?fhir/", ""), uri.getRequestUri().getRawQuery(), page::select));
        String self = "/" + uri.getPath().replaceFirst("^/?fhir/", "") + query(uri, null);
        String next = page.nextCursor() == null ? null
                : "/" + uri.getPath().replaceFirst("^/?fhir/", "") + query(uri, page.nextCursor());
        return bundles.searchset(released, page, self, next);
    }

    // Parsed here, not by JAX-RS: a malformed number must be a 400 OperationOutcome, not the 404 JAX-RS gives.
    private int pageSize(String count) {
        if (count == null || count.isBlank()) {
            return config.defaultPageSize;
        }
        try {
            return Math.max(1, Math.min(Integer.parseInt(count.strip()), config.maxPageSize));
        } catch (NumberFormatException e) {
            throw new QueryException(400, QueryErrorCode.BAD_PARAMETER, "_count", "not a whole number: " + count);
        }
    }

    // The request's own parameters with _cursor replaced, so the next link repeats exactly the same search.
    private static String query(UriInfo uri, String cursor) {
        jakarta.ws.rs.core.UriBuilder builder = uri.getRequestUriBuilder().replaceQueryParam("_cursor");
        if (cursor != null) {
            builder.queryParam("_cursor", cursor);
        }
        String raw = builder.build().getRawQuery();
        return raw == null || raw.isEmpty() ? "" : "?" + raw;
    }
}

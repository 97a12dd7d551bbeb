package org.openspr.query.streams;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;
import org.openspr.events.nhs.NhsNumber;
import org.openspr.query.QueryErrorCode;
import org.openspr.query.QueryException;
import org.openspr.query.audit.RequestIdFilter;
import org.openspr.query.audit.RequestIds;
import org.openspr.query.core.Caller;

/**
 * Sends a patient's request to the instance that owns the patient and relays its answer. The caller's own token goes
 * along (the owner authenticates and authorises again: forwarding grants nothing), and the request is marked so the
 * owner never forwards it on. <b>The owner audits</b>: it makes the decision and releases the data, so each read is
 * audited exactly once; this instance only relays bytes the owner already audited. If ownership moved meanwhile, the
 * owner answers 503 rather than forwarding again, so requests never loop.
 */
@Priority(Priorities.AUTHORIZATION)
public final class ForwardingFilter implements ContainerRequestFilter {
    /** Present on forwarded requests; its value names the forwarding instance (for logs). */
    public static final String FORWARDED_HEADER = "X-SPR-Forwarded-By";
    private static final List<String> REQUEST_HEADERS = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.ACCEPT, "X-Break-Glass-Reason");
    private static final List<String> RESPONSE_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.RETRY_AFTER,
            HttpHeaders.WWW_AUTHENTICATE);
    private final PatientRouter router;
    private final HttpClient http;
    private final Duration timeout;
    private final String self;

    public ForwardingFilter(PatientRouter router, Duration timeout, String self) {
        this.router = router;
        this.timeout = timeout;
        this.self = self;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getHeaderString(FORWARDED_HEADER) != null) {
            return;
        }
        String nhsNumber = patientOf(request);
        if (nhsNumber == null || !NhsNumber.isValid(nhsNumber)) {
            return; // the resource answers 400 itself
        }
        Optional<HostInfo> owner = router.remoteOwner(NhsNumber.normalise(nhsNumber));
        if (owner.isPresent()) {
            request.abortWith(forward(request, owner.get()));
        }
    }

    private Response forward(ContainerRequestContext request, HostInfo owner) {
        URI local = request.getUriInfo().getRequestUri();
        URI target = URI.create("http://" + owner.host() + ":" + owner.port() + local.getRawPath()
                + (local.getRawQuery() == null ? "" : "?" + local.getRawQuery()));
        HttpRequest.Builder forwarded = HttpRequest.newBuilder(target).timeout(timeout).GET()
                .header(FORWARDED_HEADER, self).header(RequestIdFilter.HEADER, RequestIds.current());
        for (String name : REQUEST_HEADERS) {
            String value = request.getHeaderString(name);
            if (value != null) {
                forwarded.header(name, value);
            }
        }
        try {
            HttpResponse<byte[]> answer = http.send(forwarded.build(), HttpResponse.BodyHandlers.ofByteArray());
            Response.ResponseBuilder relayed = Response.status(answer.statusCode()).entity(answer.body());
            for (String name : RESPONSE_HEADERS) {
                answer.headers().firstValue(name).ifPresent(v -> relayed.header(name, v));
            }
            return relayed.build();
        } catch (IOException e) {
            throw new QueryException(e, 503, QueryErrorCode.OWNER_UNREACHABLE, owner.host() + ":" + owner.port(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryException(e, 503, QueryErrorCode.OWNER_UNREACHABLE, owner.host() + ":" + owner.port(), "interrupted");
        }
    }

    private static String patientOf(ContainerRequestContext request) {
        MultivaluedMap<String, String> path = request.getUriInfo().getPathParameters();
        if (path.containsKey("nhsNumber")) {
            return path.getFirst("nhsNumber");
        }
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        String patient = query.getFirst("patient") != null ? query.getFirst("patient") : query.getFirst("_id");
        if (patient != null) {
            return patient.startsWith("Patient/") ? patient.substring("Patient/".length()) : patient;
        }
        return request.getSecurityContext().getUserPrincipal() instanceof Caller caller ? caller.patientNhsNumber() : null;
    }
}

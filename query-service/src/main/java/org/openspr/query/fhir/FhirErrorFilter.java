package org.openspr.query.fhir;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.openspr.query.api.ErrorResponse;

/**
 * Under {@code /fhir}, every error answer is a FHIR OperationOutcome (severity, issue type, the SPR code and message as
 * diagnostics) with the same status and headers; elsewhere errors stay SPR JSON. The exception mappers stay the one place
 * that decides status and message, so both APIs refuse the same things the same way.
 */
public final class FhirErrorFilter implements ContainerResponseFilter {
    /** Code system of the SPR error codes carried in {@code issue.details}. */
    public static final String SPR_ERROR_SYSTEM = "https://openspr.org/fhir/CodeSystem/spr-error-code";
    private static final MediaType FHIR_JSON = MediaType.valueOf(FhirJsonWriter.FHIR_JSON);

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof ErrorResponse error && isFhir(request.getUriInfo().getPath())) {
            response.setEntity(outcome(response.getStatus(), error), response.getEntityAnnotations(), FHIR_JSON);
        }
    }

    static boolean isFhir(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.equals("fhir") || p.startsWith("fhir/");
    }

    static OperationOutcome outcome(int status, ErrorResponse error) {
        OperationOutcome outcome = new OperationOutcome();
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                .setSeverity(status >= 500 && status != 503 ? IssueSeverity.FATAL : IssueSeverity.ERROR)
                .setCode(issueType(status))
                .setDiagnostics(error.message() != null ? error.message() : error.code());
        issue.getDetails().addCoding().setSystem(SPR_ERROR_SYSTEM).setCode(error.code());
        issue.getDetails().setText(error.message());
        return outcome;
    }

    static IssueType issueType(int status) {
        return switch (status) {
            case 400, 422 -> IssueType.INVALID;
            case 401 -> IssueType.LOGIN;
            case 403 -> IssueType.FORBIDDEN;
            case 404, 410 -> IssueType.NOTFOUND;
            case 405, 406, 415 -> IssueType.NOTSUPPORTED;
            case 409 -> IssueType.CONFLICT;
            case 429 -> IssueType.THROTTLED;
            case 503, 504 -> IssueType.TRANSIENT;
            default -> status >= 500 ? IssueType.EXCEPTION : IssueType.PROCESSING;
        };
    }
}

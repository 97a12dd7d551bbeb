package org.openspr.ingest.http;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.openspr.events.errors.ErrorCode;
import org.openspr.ingest.IngestErrorCode;
import org.openspr.ingest.map.ItemOutcome;

/** Builds FHIR OperationOutcomes from SPR error codes: severity, issue type, diagnostics (code + text), expression. */
final class OperationOutcomes {
    private OperationOutcomes() {
    }

    static OperationOutcome error(String code, String text, String expression) {
        OperationOutcome oo = new OperationOutcome();
        add(oo, IssueSeverity.ERROR, issueType(code), text, expression);
        return oo;
    }

    static OperationOutcome of(ItemOutcome item) {
        OperationOutcome oo = new OperationOutcome();
        switch (item.status()) {
            case RECORDED -> add(oo, IssueSeverity.INFORMATION, IssueType.INFORMATIONAL,
                    "recorded as event " + String.join(", ", item.eventIds()), null);
            case NOT_RECORDED -> add(oo, IssueSeverity.INFORMATION, IssueType.INFORMATIONAL, item.text(), item.location());
            case REJECTED -> add(oo, IssueSeverity.ERROR, issueType(item.code()), item.text(), item.location());
        }
        return oo;
    }

    private static void add(OperationOutcome oo, IssueSeverity severity, IssueType type, String text, String expression) {
        OperationOutcome.OperationOutcomeIssueComponent issue = oo.addIssue().setSeverity(severity).setCode(type).setDiagnostics(text);
        if (expression != null) {
            issue.addExpression(expression);
        }
    }

    /** HTTP status for a rejected message: unreadable input is a bad request, readable but wrong content is 422. */
    static int status(String code) {
        if (code == null) {
            return 400;
        }
        return switch (code) {
            case "SPR-2001" -> 413;
            case "SPR-2008" -> 500;
            case "SPR-2005" -> 415;
            case "SPR-2002", "SPR-2004", "SPR-2101", "SPR-2102", "SPR-2103", "SPR-2104" -> 400;
            default -> code.startsWith("SPR-23") ? 503 : 422;
        };
    }

    static IssueType issueType(String code) {
        if (code == null) {
            return IssueType.PROCESSING;
        }
        return switch (code) {
            case "SPR-2001" -> IssueType.TOOLONG;
            case "SPR-2002", "SPR-2004", "SPR-2101", "SPR-2102" -> IssueType.STRUCTURE;
            case "SPR-2005", "SPR-2007", "SPR-2103", "SPR-2104" -> IssueType.NOTSUPPORTED;
            case "SPR-2008" -> IssueType.EXCEPTION;
            case "SPR-2105", "SPR-2108" -> IssueType.REQUIRED;
            case "SPR-1201", "SPR-1203", "SPR-1204" -> IssueType.VALUE;
            case "SPR-2109" -> IssueType.EXCEPTION;
            default -> code.startsWith("SPR-23") ? IssueType.TRANSIENT : IssueType.PROCESSING;
        };
    }

    static String code(ErrorCode code) {
        return code.code();
    }

    static boolean isPublishFailure(ErrorCode code) {
        return code == IngestErrorCode.PUBLISH_FAILED || code == IngestErrorCode.PUBLISH_TIMEOUT || code == IngestErrorCode.PUBLISHER_CLOSED;
    }
}

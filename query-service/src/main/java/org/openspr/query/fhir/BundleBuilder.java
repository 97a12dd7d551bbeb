package org.openspr.query.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.openspr.query.core.RecordEntry;
import org.openspr.query.core.ReleasedRecord;

/**
 * A searchset Bundle for one page: the matching resources, a next link when more remain, and an outcome entry when
 * items were withheld (GP Connect's confidential-items warning: a count, never what) or the number was merged.
 */
public final class BundleBuilder {
    private final EncodedResources resources;
    private final String baseUrl;

    /** Bundles whose links start with the base URL the resources' full URLs start with. */
    public BundleBuilder(EncodedResources resources) {
        this.baseUrl = resources.baseUrl();
        this.resources = resources;
    }

    /**
     * @param selfUrl  the request URL as received (relative to the FHIR base, with its query)
     * @param nextUrl  the next page's URL relative to the FHIR base, or null on the last page
     */
    public SearchsetBundle searchset(ReleasedRecord record, PageSelector page, String selfUrl, String nextUrl) {
        String nhsNumber = record.view().nhsNumber();
        List<EncodedResources.Encoded> entries = new ArrayList<>(record.entries().size());
        for (RecordEntry entry : record.entries()) {
            EncodedResources.Encoded encoded = resources.encode(nhsNumber, entry);
            if (encoded != null) {
                entries.add(encoded);
            }
        }
        return new SearchsetBundle(baseUrl, page.total(), Instant.now(), selfUrl, nextUrl, entries, notices(record));
    }

    private static OperationOutcome notices(ReleasedRecord record) {
        OperationOutcome outcome = new OperationOutcome();
        if (record.withheldCount() > 0) {
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION).setCode(OperationOutcome.IssueType.SUPPRESSED)
                    .setDiagnostics("Items excluded due to confidentiality and/or patient preferences: " + record.withheldCount());
        }
        if (record.view().redirected()) {
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION).setCode(OperationOutcome.IssueType.INFORMATIONAL)
                    .setDiagnostics("NHS number " + record.view().requestedNhsNumber() + " was merged into "
                            + record.view().nhsNumber() + ": this is the record of " + record.view().nhsNumber());
        }
        if (record.decision().breakGlass()) {
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.WARNING).setCode(OperationOutcome.IssueType.INFORMATIONAL)
                    .setDiagnostics("Access by break-glass: this access is recorded and will be reviewed");
        }
        return outcome.getIssue().isEmpty() ? null : outcome;
    }
}

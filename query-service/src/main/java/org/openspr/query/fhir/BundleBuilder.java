package org.openspr.query.fhir;

import java.util.Date;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.openspr.query.core.RecordEntry;
import org.openspr.query.core.ReleasedRecord;

/**
 * A searchset Bundle for one page: the matching resources, a next link when more remain, and an outcome entry when
 * items were withheld (GP Connect's confidential-items warning: a count, never what) or the number was merged.
 */
public final class BundleBuilder {
    private final FhirMapper mapper = new FhirMapper();
    private final String baseUrl;

    public BundleBuilder(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /**
     * @param selfUrl  the request URL as received (relative to the FHIR base, with its query)
     * @param nextUrl  the next page's URL relative to the FHIR base, or null on the last page
     */
    public Bundle searchset(ReleasedRecord record, PageSelector page, String selfUrl, String nextUrl) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(page.total());
        bundle.getMeta().setLastUpdated(new Date());
        bundle.addLink().setRelation("self").setUrl(baseUrl + selfUrl);
        if (nextUrl != null) {
            bundle.addLink().setRelation("next").setUrl(baseUrl + nextUrl);
        }
        String nhsNumber = record.view().nhsNumber();
        for (RecordEntry entry : record.entries()) {
            Resource resource = mapper.toResource(nhsNumber, entry);
            if (resource != null) {
                bundle.addEntry().setFullUrl(baseUrl + "/" + resource.fhirType() + "/" + resource.getIdPart())
                        .setResource(resource).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
            }
        }
        OperationOutcome outcome = notices(record);
        if (outcome != null) {
            bundle.addEntry().setFullUrl("urn:uuid:" + java.util.UUID.randomUUID()).setResource(outcome)
                    .getSearch().setMode(Bundle.SearchEntryMode.OUTCOME);
        }
        return bundle;
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

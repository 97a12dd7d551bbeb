package org.openspr.query.fhir;

import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * A searchset Bundle for one page, its resources already encoded ({@link EncodedResources}), written by
 * {@link SearchsetBundleWriter} as FHIR JSON.
 *
 * @param baseUrl  the FHIR base, without a trailing slash
 * @param selfUrl  the request URL relative to the base
 * @param nextUrl  the next page's URL relative to the base, or null on the last page
 * @param outcome  the notices (withheld items, merge, break-glass), or null
 */
public record SearchsetBundle(String baseUrl, int total, Instant lastUpdated, String selfUrl, String nextUrl,
                              List<EncodedResources.Encoded> entries, OperationOutcome outcome) {
}

package org.openspr.query.fhir;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** FHIR API options ({@code fhir:}). */
public class FhirConfig {
    /** Entries per page when the client gives no {@code _count}. */
    @Min(1)
    @JsonProperty
    public int defaultPageSize = 500;

    /** Largest {@code _count} honoured; larger values are capped, not refused. */
    @Min(1)
    @Max(5000)
    @JsonProperty
    public int maxPageSize = 1000;

    /**
     * Memory for resources already encoded as FHIR JSON (by full content, so never stale), in megabytes; 0 encodes every
     * resource on every request. Repeated reads and pages of the same records skip the mapping and encoding.
     */
    @Min(0)
    @JsonProperty
    public int encodedResourceCacheMegabytes = 64;

    /** Base URL written into bundle links (fullUrl, next); the service's public address. */
    @JsonProperty
    public String baseUrl = "http://localhost:8080/fhir";
}

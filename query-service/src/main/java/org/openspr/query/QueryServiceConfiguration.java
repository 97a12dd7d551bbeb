package org.openspr.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.openspr.query.audit.AuditConfig;
import org.openspr.query.auth.AuthConfig;
import org.openspr.query.core.AccessPolicyConfig;
import org.openspr.query.fhir.FhirConfig;
import org.openspr.query.core.StoreConfig;

/** Configuration of the query service; every option is documented where it is declared. See query-service.yml. */
public class QueryServiceConfiguration extends Configuration {
    /** Kafka, schema registry and the projector's stores. */
    @Valid
    @NotNull
    @JsonProperty
    public StoreConfig kafka = new StoreConfig();

    /** Token verification (issuer, audience, JWKS) and the optional local dev issuer. */
    @Valid
    @NotNull
    @JsonProperty
    public AuthConfig auth = new AuthConfig();

    /** The audit trail: where access decisions go and how long a read may wait for the broker's acknowledgement. */
    @Valid
    @NotNull
    @JsonProperty
    public AuditConfig audit = new AuditConfig();

    /** Role profiles, legitimate relationship, break-glass and sensitivity rules. */
    @Valid
    @NotNull
    @JsonProperty
    public AccessPolicyConfig access = new AccessPolicyConfig();

    /**
     * Memory for items read from the record store and already decoded (kept by their stored bytes, so never stale), in
     * megabytes (an estimate of the decoded size); 0 decodes every item on every read. Rendered items and encoded FHIR
     * resources are remembered per decoded item, so they are only reused while the item is remembered here.
     */
    @jakarta.validation.constraints.Min(0)
    @JsonProperty
    public int decodedItemCacheMegabytes = 64;

    /**
     * Memory for released items already rendered as SPR JSON (kept by their full content, so never stale), in megabytes;
     * 0 renders every item on every request.
     */
    @jakarta.validation.constraints.Min(0)
    @JsonProperty
    public int renderedItemCacheMegabytes = 64;

    /** FHIR API options (paging, encoded-resource cache). */
    @Valid
    @NotNull
    @JsonProperty
    public FhirConfig fhir = new FhirConfig();
}

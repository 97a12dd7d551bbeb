package org.openspr.query.fhir;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.io.SerializedString;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.hl7.fhir.r4.model.Resource;
import org.openspr.query.core.RecordEntry;

/**
 * Record entries as FHIR JSON, remembered per entry: mapping to HAPI objects and encoding them is most of the cost of a
 * bundle, and an unchanged item always encodes to the same bytes. Entries are compared by identity and held weakly:
 * the record source hands out the same {@link RecordEntry} instance for the same stored content ({@code DecodedItems})
 * and a new one for changed content, so a changed item can never be answered from an older encoding; the patient number
 * the resource was encoded for is checked too. Bounded by the total size of the JSON held; size 0 encodes every time.
 */
public final class EncodedResources {
    /**
     * One resource's JSON (kept as UTF-8, copied into bundles as it is), with what a bundle entry needs to name it: its
     * type, id and full URL.
     */
    public record Encoded(String nhsNumber, String type, String id, SerializedString fullUrl, SerializedString resource) {
        public String json() {
            return resource.getValue();
        }
    }

    private final FhirMapper mapper = new FhirMapper();
    private final FhirContext context;
    private final String baseUrl;
    private final Cache<RecordEntry, Encoded> cache;

    /** @param baseUrl the FHIR base URL the service answers on (full URLs of bundle entries start with it) */
    public EncodedResources(FhirContext context, String baseUrl, long maxBytes) {
        this.context = context;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.cache = maxBytes <= 0 ? null : Caffeine.newBuilder().weakKeys().maximumWeight(maxBytes)
                .weigher((RecordEntry entry, Encoded encoded) -> encoded.resource().asUnquotedUTF8().length + 256).build();
    }

    /** The FHIR base URL, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The entry's resource as JSON, or null when it has none (entered in error, or not mapped). */
    public Encoded encode(String nhsNumber, RecordEntry entry) {
        if (entry.current() == null) {
            return null;
        }
        if (cache == null) {
            return encodeNow(nhsNumber, entry);
        }
        Encoded hit = cache.getIfPresent(entry);
        if (hit != null && hit.nhsNumber().equals(nhsNumber)) {
            return hit;
        }
        Encoded encoded = encodeNow(nhsNumber, entry);
        if (encoded != null) {
            cache.put(entry, encoded);
        }
        return encoded;
    }

    private Encoded encodeNow(String nhsNumber, RecordEntry entry) {
        Resource resource = mapper.toResource(nhsNumber, entry);
        if (resource == null) {
            return null;
        }
        SerializedString json = new SerializedString(context.newJsonParser().encodeResourceToString(resource));
        json.asUnquotedUTF8();
        SerializedString fullUrl = new SerializedString(baseUrl + "/" + resource.fhirType() + "/" + resource.getIdPart());
        fullUrl.asQuotedUTF8();
        return new Encoded(nhsNumber, resource.fhirType(), resource.getIdPart(), fullUrl, json);
    }
}

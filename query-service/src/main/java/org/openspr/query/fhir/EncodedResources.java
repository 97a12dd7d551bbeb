package org.openspr.query.fhir;

import ca.uhn.fhir.context.FhirContext;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import org.hl7.fhir.r4.model.Resource;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.Coding;
import org.openspr.query.core.RecordEntry;

/**
 * Record entries as FHIR JSON, remembered by their full content: mapping to HAPI objects and encoding them is most of the
 * cost of a bundle, and an unchanged item always encodes to the same bytes. The key is everything the mapping reads
 * (patient number, item id, the whole current event, the labels), compared by value, so a changed item can never be
 * answered from an older encoding. Bounded by the total size of the JSON held; size 0 encodes every time.
 */
public final class EncodedResources {
    /** One resource's JSON, with what a bundle entry needs to name it. */
    public record Encoded(String type, String id, String json) {
    }

    private record Key(String nhsNumber, String itemId, ClinicalEvent current, List<Coding> sensitivity) {
    }

    private final FhirMapper mapper = new FhirMapper();
    private final FhirContext context;
    private final Cache<Key, Encoded> cache;

    public EncodedResources(FhirContext context, long maxBytes) {
        this.context = context;
        this.cache = maxBytes <= 0 ? null : Caffeine.newBuilder().maximumWeight(maxBytes)
                .weigher((Key key, Encoded encoded) -> encoded.json().length() * 2 + 256).build();
    }

    /** The entry's resource as JSON, or null when it has none (entered in error, or not mapped). */
    public Encoded encode(String nhsNumber, RecordEntry entry) {
        if (entry.current() == null) {
            return null;
        }
        if (cache == null) {
            return encodeNow(nhsNumber, entry);
        }
        Key key = new Key(nhsNumber, entry.itemId(), entry.current(), entry.sensitivity());
        Encoded hit = cache.getIfPresent(key);
        if (hit != null) {
            return hit;
        }
        Encoded encoded = encodeNow(nhsNumber, entry);
        if (encoded != null) {
            cache.put(key, encoded);
        }
        return encoded;
    }

    private Encoded encodeNow(String nhsNumber, RecordEntry entry) {
        Resource resource = mapper.toResource(nhsNumber, entry);
        if (resource == null) {
            return null;
        }
        return new Encoded(resource.fhirType(), resource.getIdPart(), context.newJsonParser().encodeResourceToString(resource));
    }
}

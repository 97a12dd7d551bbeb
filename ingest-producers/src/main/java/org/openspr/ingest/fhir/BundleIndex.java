package org.openspr.ingest.fhir;

import java.util.HashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Resolves references between the resources of one message: {@code urn:uuid:} full URLs, {@code Type/id},
 * absolute URLs ending in {@code Type/id}, and contained resources ({@code #id}).
 */
final class BundleIndex {
    private final Map<String, Resource> byKey = new HashMap<>();

    static BundleIndex of(Bundle bundle) {
        BundleIndex index = new BundleIndex();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            if (resource == null) {
                continue;
            }
            if (entry.hasFullUrl()) {
                index.byKey.put(entry.getFullUrl(), resource);
            }
            index.add(resource);
        }
        return index;
    }

    static BundleIndex single(Resource resource) {
        BundleIndex index = new BundleIndex();
        index.add(resource);
        return index;
    }

    private void add(Resource resource) {
        if (resource.hasIdElement() && resource.getIdElement().hasIdPart()) {
            byKey.put(resource.fhirType() + "/" + resource.getIdElement().getIdPart(), resource);
        }
    }

    /** The resource a reference points at inside this message, or null. */
    Resource resolve(Reference ref, Resource owner) {
        if (ref == null || !ref.hasReference()) {
            return ref != null && ref.getResource() instanceof Resource r ? r : null;
        }
        if (ref.getResource() instanceof Resource r) {
            return r; // HAPI links contained resources itself
        }
        String reference = ref.getReference();
        if (reference.startsWith("#") && owner instanceof DomainResource domain) {
            for (Resource contained : domain.getContained()) {
                String id = contained.getIdElement().getIdPart();
                if (id != null && (reference.equals(id) || reference.substring(1).equals(id.replace("#", "")))) {
                    return contained;
                }
            }
            return null;
        }
        Resource found = byKey.get(reference);
        if (found == null) {
            found = byKey.get(typeAndId(reference));
        }
        return found;
    }

    /** The stable source id ({@code Type/id}) of what a reference points at, for linking item ids. */
    String sourceId(Reference ref, Resource owner) {
        Resource target = resolve(ref, owner);
        if (target != null) {
            return FhirIds.sourceId(target, null);
        }
        return ref != null && ref.hasReference() ? typeAndId(ref.getReference()) : null;
    }

    /** "https://server/fhir/Observation/12/_history/2" becomes "Observation/12". */
    static String typeAndId(String reference) {
        String trimmed = reference;
        int history = trimmed.indexOf("/_history/");
        if (history >= 0) {
            trimmed = trimmed.substring(0, history);
        }
        String[] parts = trimmed.split("/");
        return parts.length >= 2 ? parts[parts.length - 2] + "/" + parts[parts.length - 1] : trimmed;
    }
}

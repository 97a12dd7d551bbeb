package org.openspr.ingest.fhir;

import org.hl7.fhir.r4.model.Resource;

/** Stable source ids of FHIR resources, used to derive item ids. */
final class FhirIds {
    private static final String URN_UUID = "urn:uuid:";

    private FhirIds() {
    }

    /** The logical id without a {@code urn:uuid:} prefix, or null. */
    static String logicalId(Resource resource) {
        if (resource.hasIdElement() && resource.getIdElement().hasIdPart()) {
            String id = resource.getIdElement().getIdPart();
            return id.startsWith(URN_UUID) ? id.substring(URN_UUID.length()) : id;
        }
        return null;
    }

    /** {@code Type/id}; falls back to the entry's full URL, then to its position in the message. */
    static String sourceId(Resource resource, String fallback) {
        String id = logicalId(resource);
        if (id != null) {
            return resource.fhirType() + "/" + id;
        }
        return fallback == null ? null : resource.fhirType() + "/" + fallback;
    }
}

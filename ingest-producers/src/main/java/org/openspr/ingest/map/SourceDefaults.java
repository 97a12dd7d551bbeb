package org.openspr.ingest.map;

/**
 * What to assume about the sender when the message does not say: source system name and ODS code.
 *
 * @param sourceSystem e.g. {@code fhir-http} or {@code mllp}; used when FHIR meta.source / HL7 MSH-3 is empty
 * @param odsCode      ODS code of the organisation feeding this endpoint, used when HL7 MSH-4 is empty and always for FHIR
 */
public record SourceDefaults(String sourceSystem, String odsCode) {
}

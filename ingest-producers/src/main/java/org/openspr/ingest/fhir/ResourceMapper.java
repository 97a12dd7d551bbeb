package org.openspr.ingest.fhir;

import java.time.Instant;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.openspr.events.avro.Author;

/** Maps one clinical FHIR resource type to an event payload. Implementations hold no state. */
interface ResourceMapper<R extends Resource> {

    /** The reference naming the patient the resource is about (subject or patient). */
    Reference patient(R resource);

    /** Name of the element {@link #patient} reads, for error locations. */
    default String patientElement() {
        return "subject";
    }

    /** The payload and clinical facts of the resource; {@code refs} resolves references inside the message. */
    Mapped map(R resource, BundleIndex refs);

    /**
     * What a mapper gives back.
     *
     * @param payload        one of the ClinicalEvent payload records
     * @param occurredAt     clinical time, null if the resource says none
     * @param author         who recorded it, or null
     * @param enteredInError the source withdrew the item (status entered-in-error)
     */
    record Mapped(Object payload, Instant occurredAt, Author author, boolean enteredInError) {
        static Mapped of(Object payload, Instant occurredAt, Author author, String status) {
            return new Mapped(payload, occurredAt, author, "entered-in-error".equals(status));
        }
    }
}

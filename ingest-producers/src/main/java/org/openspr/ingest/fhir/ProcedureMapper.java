package org.openspr.ingest.fhir;

import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.openspr.events.avro.ProcedureRecorded;

/** Procedure → ProcedureRecorded. */
final class ProcedureMapper implements ResourceMapper<Procedure> {
    @Override
    public Reference patient(Procedure p) {
        return p.getSubject();
    }

    @Override
    public Mapped map(Procedure p, BundleIndex refs) {
        String status = FhirTypes.codeOr(p.getStatusElement(), "unknown");
        ProcedureRecorded payload = ProcedureRecorded.newBuilder()
                .setCode(FhirTypes.conceptOrEmpty(p.getCode()))
                .setStatus(status)
                .setPerformed(FhirTypes.period(p.getPerformed()))
                .setPerformer(p.hasPerformer() ? FhirTypes.author(p.getPerformerFirstRep().getActor()) : null)
                .setBodySites(FhirTypes.concepts(p.getBodySite()))
                .setReasons(FhirTypes.concepts(p.getReasonCode()))
                .setOutcome(FhirTypes.concept(p.getOutcome()))
                .setNotes(FhirTypes.notes(p.getNote()))
                .build();
        return Mapped.of(payload, payload.getPerformed().getStart(), payload.getPerformer(), status);
    }
}

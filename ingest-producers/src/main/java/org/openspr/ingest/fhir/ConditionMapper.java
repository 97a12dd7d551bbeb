package org.openspr.ingest.fhir;

import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Reference;
import org.openspr.events.avro.ConditionRecorded;

/** Condition → ConditionRecorded. */
final class ConditionMapper implements ResourceMapper<Condition> {
    @Override
    public Reference patient(Condition c) {
        return c.getSubject();
    }

    @Override
    public Mapped map(Condition c, BundleIndex refs) {
        String verification = FhirTypes.firstCode(c.getVerificationStatus());
        ConditionRecorded payload = ConditionRecorded.newBuilder()
                .setCode(FhirTypes.conceptOrEmpty(c.getCode()))
                .setClinicalStatus(FhirTypes.firstCode(c.getClinicalStatus()))
                .setVerificationStatus(verification)
                .setCategories(FhirTypes.concepts(c.getCategory()))
                .setSeverity(FhirTypes.concept(c.getSeverity()))
                .setOnset(FhirTypes.instant(c.getOnset()))
                .setAbatement(FhirTypes.instant(c.getAbatement()))
                .setBodySites(FhirTypes.concepts(c.getBodySite()))
                .setNotes(FhirTypes.notes(c.getNote()))
                .build();
        var author = FhirTypes.author(c.hasRecorder() ? c.getRecorder() : c.getAsserter());
        java.time.Instant occurred = payload.getOnset() != null ? payload.getOnset() : FhirTypes.instant(c.getRecordedDate());
        return Mapped.of(payload, occurred, author, verification);
    }
}

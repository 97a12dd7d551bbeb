package org.openspr.ingest.fhir;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Reference;
import org.openspr.events.avro.AllergyReaction;
import org.openspr.events.avro.AllergyRecorded;

/** AllergyIntolerance → AllergyRecorded. */
final class AllergyMapper implements ResourceMapper<AllergyIntolerance> {
    @Override
    public Reference patient(AllergyIntolerance a) {
        return a.getPatient();
    }

    @Override
    public String patientElement() {
        return "patient";
    }

    @Override
    public Mapped map(AllergyIntolerance a, BundleIndex refs) {
        List<String> categories = new ArrayList<>();
        a.getCategory().forEach(c -> categories.add(FhirTypes.code(c)));
        categories.removeIf(java.util.Objects::isNull);
        List<AllergyReaction> reactions = new ArrayList<>();
        for (var r : a.getReaction()) {
            reactions.add(AllergyReaction.newBuilder().setManifestations(FhirTypes.concepts(r.getManifestation()))
                    .setSeverity(FhirTypes.code(r.getSeverityElement())).setDescription(r.getDescription()).build());
        }
        String verification = FhirTypes.firstCode(a.getVerificationStatus());
        AllergyRecorded payload = AllergyRecorded.newBuilder()
                .setCode(FhirTypes.conceptOrEmpty(a.getCode()))
                .setClinicalStatus(FhirTypes.firstCode(a.getClinicalStatus()))
                .setVerificationStatus(verification)
                .setType(FhirTypes.code(a.getTypeElement()))
                .setCategories(categories)
                .setCriticality(FhirTypes.code(a.getCriticalityElement()))
                .setOnset(FhirTypes.instant(a.getOnset()))
                .setReactions(reactions)
                .setNotes(FhirTypes.notes(a.getNote()))
                .build();
        java.time.Instant occurred = payload.getOnset() != null ? payload.getOnset() : FhirTypes.instant(a.getRecordedDate());
        return Mapped.of(payload, occurred, FhirTypes.author(a.hasRecorder() ? a.getRecorder() : a.getAsserter()), verification);
    }
}

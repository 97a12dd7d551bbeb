package org.openspr.ingest.fhir;

import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Reference;
import org.openspr.events.avro.ImmunisationRecorded;

/** Immunization → ImmunisationRecorded. */
final class ImmunizationMapper implements ResourceMapper<Immunization> {
    @Override
    public Reference patient(Immunization i) {
        return i.getPatient();
    }

    @Override
    public String patientElement() {
        return "patient";
    }

    @Override
    public Mapped map(Immunization i, BundleIndex refs) {
        String status = FhirTypes.codeOr(i.getStatusElement(), "unknown");
        var protocol = i.hasProtocolApplied() ? i.getProtocolAppliedFirstRep() : null;
        ImmunisationRecorded payload = ImmunisationRecorded.newBuilder()
                .setVaccine(FhirTypes.conceptOrEmpty(i.getVaccineCode()))
                .setStatus(status)
                .setOccurrence(FhirTypes.instant(i.getOccurrence()))
                .setLotNumber(i.getLotNumber())
                .setSite(FhirTypes.concept(i.getSite()))
                .setRoute(FhirTypes.concept(i.getRoute()))
                .setDoseNumber(protocol != null && protocol.hasDoseNumber() ? protocol.getDoseNumber().primitiveValue() : null)
                .setTargetDiseases(protocol != null ? FhirTypes.concepts(protocol.getTargetDisease()) : java.util.List.of())
                .setPerformer(i.hasPerformer() ? FhirTypes.author(i.getPerformerFirstRep().getActor()) : null)
                .setReasonNotGiven(FhirTypes.concept(i.getStatusReason()))
                .setPrimarySource(i.hasPrimarySource() ? i.getPrimarySource() : null)
                .build();
        return Mapped.of(payload, payload.getOccurrence(), payload.getPerformer(), status);
    }
}

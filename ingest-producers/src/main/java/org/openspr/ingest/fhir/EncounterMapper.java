package org.openspr.ingest.fhir;

import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Reference;
import org.openspr.events.avro.EncounterKind;
import org.openspr.events.avro.EncounterRecorded;

/** Encounter → EncounterRecorded (kind RECORDED: FHIR says what the encounter is, not which ADT event happened). */
final class EncounterMapper implements ResourceMapper<Encounter> {
    @Override
    public Reference patient(Encounter e) {
        return e.getSubject();
    }

    @Override
    public Mapped map(Encounter e, BundleIndex refs) {
        String status = FhirTypes.codeOr(e.getStatusElement(), "unknown");
        EncounterRecorded payload = EncounterRecorded.newBuilder()
                .setKind(EncounterKind.RECORDED)
                .setStatus(status)
                .setEncounterClass(FhirTypes.coding(e.getClass_()))
                .setType(e.hasType() ? FhirTypes.concept(e.getTypeFirstRep()) : null)
                .setPeriod(FhirTypes.period(e.getPeriod()))
                .setLocation(e.hasLocation() ? FhirTypes.display(e.getLocationFirstRep().getLocation()) : null)
                .setAttendingClinician(e.hasParticipant() ? FhirTypes.author(e.getParticipantFirstRep().getIndividual()) : null)
                .setServiceProvider(FhirTypes.display(e.getServiceProvider()))
                .setVisitNumber(e.hasIdentifier() ? e.getIdentifierFirstRep().getValue() : null)
                .setReasons(FhirTypes.concepts(e.getReasonCode()))
                .setDischargeDisposition(e.hasHospitalization() ? FhirTypes.concept(e.getHospitalization().getDischargeDisposition()) : null)
                .build();
        return Mapped.of(payload, FhirTypes.instant(e.getPeriod().getStart()), payload.getAttendingClinician(), status);
    }
}

package org.openspr.ingest.fhir;

import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;
import org.openspr.events.avro.Concept;
import org.openspr.events.avro.MedicationKind;
import org.openspr.events.avro.MedicationRecorded;

/** MedicationRequest/Statement/Dispense/Administration → MedicationRecorded of the matching kind. */
final class MedicationMappers {
    private MedicationMappers() {
    }

    /** medication[x]: a code, or a reference to a Medication in the message (else its display). */
    static Concept medication(Type medication, Resource owner, BundleIndex refs) {
        if (medication instanceof CodeableConcept cc) {
            return FhirTypes.conceptOrEmpty(cc);
        }
        if (medication instanceof Reference ref) {
            Resource target = refs.resolve(ref, owner);
            if (target instanceof Medication m) {
                return FhirTypes.conceptOrEmpty(m.getCode());
            }
            Concept display = FhirTypes.textConcept(FhirTypes.display(ref));
            return display != null ? display : Concept.newBuilder().build();
        }
        return Concept.newBuilder().build();
    }

    static MedicationRecorded.Builder dosage(MedicationRecorded.Builder b, List<Dosage> dosages) {
        if (dosages.isEmpty()) {
            return b;
        }
        Dosage d = dosages.get(0);
        b.setDosageText(d.getText()).setRoute(FhirTypes.concept(d.getRoute()));
        if (d.hasDoseAndRate() && d.getDoseAndRateFirstRep().hasDoseQuantity()) {
            b.setDoseQuantity(FhirTypes.quantity(d.getDoseAndRateFirstRep().getDoseQuantity()));
        }
        return b;
    }

    static final class Request implements ResourceMapper<MedicationRequest> {
        @Override
        public Reference patient(MedicationRequest m) {
            return m.getSubject();
        }

        @Override
        public Mapped map(MedicationRequest m, BundleIndex refs) {
            String status = FhirTypes.codeOr(m.getStatusElement(), "unknown");
            MedicationRecorded.Builder b = MedicationRecorded.newBuilder().setKind(MedicationKind.PRESCRIBED)
                    .setMedication(medication(m.getMedication(), m, refs)).setStatus(status)
                    .setIntent(FhirTypes.code(m.getIntentElement()))
                    .setCourseType(FhirTypes.firstCode(m.getCourseOfTherapyType()))
                    .setQuantity(m.hasDispenseRequest() ? FhirTypes.quantity(m.getDispenseRequest().getQuantity()) : null)
                    .setAuthoredOn(FhirTypes.instant(m.getAuthoredOn()))
                    .setPrescriber(FhirTypes.author(m.getRequester()))
                    .setReasons(FhirTypes.concepts(m.getReasonCode()))
                    .setNotes(FhirTypes.notes(m.getNote()));
            MedicationRecorded payload = dosage(b, m.getDosageInstruction()).build();
            return Mapped.of(payload, payload.getAuthoredOn(), payload.getPrescriber(), status);
        }
    }

    static final class Statement implements ResourceMapper<MedicationStatement> {
        @Override
        public Reference patient(MedicationStatement m) {
            return m.getSubject();
        }

        @Override
        public Mapped map(MedicationStatement m, BundleIndex refs) {
            String status = FhirTypes.codeOr(m.getStatusElement(), "unknown");
            MedicationRecorded.Builder b = MedicationRecorded.newBuilder().setKind(MedicationKind.STATEMENT)
                    .setMedication(medication(m.getMedication(), m, refs)).setStatus(status)
                    .setEffectivePeriod(m.hasEffective() ? FhirTypes.period(m.getEffective()) : null)
                    .setPrescriber(FhirTypes.author(m.getInformationSource()))
                    .setReasons(FhirTypes.concepts(m.getReasonCode()))
                    .setNotes(FhirTypes.notes(m.getNote()));
            MedicationRecorded payload = dosage(b, m.getDosage()).build();
            return Mapped.of(payload, FhirTypes.instant(m.getEffective()), payload.getPrescriber(), status);
        }
    }

    static final class Dispense implements ResourceMapper<MedicationDispense> {
        @Override
        public Reference patient(MedicationDispense m) {
            return m.getSubject();
        }

        @Override
        public Mapped map(MedicationDispense m, BundleIndex refs) {
            String status = FhirTypes.codeOr(m.getStatusElement(), "unknown");
            MedicationRecorded.Builder b = MedicationRecorded.newBuilder().setKind(MedicationKind.DISPENSED)
                    .setMedication(medication(m.getMedication(), m, refs)).setStatus(status)
                    .setQuantity(FhirTypes.quantity(m.getQuantity()))
                    .setPrescriber(m.hasPerformer() ? FhirTypes.author(m.getPerformerFirstRep().getActor()) : null)
                    .setNotes(FhirTypes.notes(m.getNote()));
            MedicationRecorded payload = dosage(b, m.getDosageInstruction()).build();
            java.time.Instant when = m.hasWhenHandedOver() ? FhirTypes.instant(m.getWhenHandedOver()) : FhirTypes.instant(m.getWhenPrepared());
            return Mapped.of(payload, when, payload.getPrescriber(), status);
        }
    }

    static final class Administration implements ResourceMapper<MedicationAdministration> {
        @Override
        public Reference patient(MedicationAdministration m) {
            return m.getSubject();
        }

        @Override
        public Mapped map(MedicationAdministration m, BundleIndex refs) {
            String status = FhirTypes.codeOr(m.getStatusElement(), "unknown");
            MedicationRecorded.Builder b = MedicationRecorded.newBuilder().setKind(MedicationKind.ADMINISTERED)
                    .setMedication(medication(m.getMedication(), m, refs)).setStatus(status)
                    .setEffectivePeriod(m.hasEffective() ? FhirTypes.period(m.getEffective()) : null)
                    .setReasons(FhirTypes.concepts(m.getReasonCode()))
                    .setNotes(FhirTypes.notes(m.getNote()));
            if (m.hasDosage()) {
                b.setDosageText(m.getDosage().getText()).setRoute(FhirTypes.concept(m.getDosage().getRoute()))
                        .setDoseQuantity(FhirTypes.quantity(m.getDosage().getDose()));
            }
            MedicationRecorded payload = b.build();
            return Mapped.of(payload, FhirTypes.instant(m.getEffective()), null, status);
        }
    }
}

package org.openspr.query.fhir;

import static org.openspr.query.fhir.FhirTypes.concept;
import static org.openspr.query.fhir.FhirTypes.date;
import static org.openspr.query.fhir.FhirTypes.oneOf;
import static org.openspr.query.fhir.FhirTypes.patient;

import java.util.Set;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Resource;
import org.openspr.events.avro.MedicationRecorded;

/** Medication events by kind: prescribed (MedicationRequest), dispensed, administered, or a statement. */
final class MedicationMapper {

    Resource map(String nhsNumber, MedicationRecorded m) {
        return switch (m.getKind()) {
            case PRESCRIBED -> request(nhsNumber, m);
            case DISPENSED -> dispense(nhsNumber, m);
            case ADMINISTERED -> administration(nhsNumber, m);
            case STATEMENT -> statement(nhsNumber, m);
        };
    }

    private static MedicationRequest request(String nhsNumber, MedicationRecorded m) {
        MedicationRequest request = new MedicationRequest().setSubject(patient(nhsNumber)).setMedication(concept(m.getMedication()));
        request.setStatus(MedicationRequest.MedicationRequestStatus.fromCode(oneOf(m.getStatus(), Set.of("active", "on-hold",
                "cancelled", "completed", "entered-in-error", "stopped", "draft", "unknown"), "unknown")));
        request.setIntent(MedicationRequest.MedicationRequestIntent.fromCode(oneOf(m.getIntent(), Set.of("proposal", "plan",
                "order", "original-order", "reflex-order", "filler-order", "instance-order", "option"), "order")));
        if (m.getAuthoredOn() != null) {
            request.setAuthoredOn(date(m.getAuthoredOn()));
        }
        request.addDosageInstruction(dosage(m));
        m.getReasons().forEach(r -> request.addReasonCode(concept(r)));
        m.getNotes().forEach(n -> request.addNote(new Annotation().setText(n)));
        if (m.getQuantity() != null) {
            request.getDispenseRequest().setQuantity(FhirTypes.quantity(m.getQuantity()));
        }
        return request;
    }

    private static MedicationDispense dispense(String nhsNumber, MedicationRecorded m) {
        MedicationDispense dispense = new MedicationDispense().setSubject(patient(nhsNumber)).setMedication(concept(m.getMedication()));
        dispense.setStatus(MedicationDispense.MedicationDispenseStatus.fromCode(oneOf(m.getStatus(), Set.of("preparation",
                "in-progress", "cancelled", "on-hold", "completed", "entered-in-error", "stopped", "declined", "unknown"), "unknown")));
        dispense.setQuantity(FhirTypes.quantity(m.getQuantity()));
        dispense.addDosageInstruction(dosage(m));
        m.getNotes().forEach(n -> dispense.addNote(new Annotation().setText(n)));
        return dispense;
    }

    private static MedicationAdministration administration(String nhsNumber, MedicationRecorded m) {
        MedicationAdministration administration = new MedicationAdministration().setSubject(patient(nhsNumber))
                .setMedication(concept(m.getMedication()));
        administration.setStatus(MedicationAdministration.MedicationAdministrationStatus.fromCode(oneOf(m.getStatus(),
                Set.of("in-progress", "not-done", "on-hold", "completed", "entered-in-error", "stopped", "unknown"), "unknown")));
        // effective[x] is mandatory: the period if known, else when it was authored, else when it was recorded.
        if (m.getEffectivePeriod() != null && FhirTypes.period(m.getEffectivePeriod()) != null) {
            administration.setEffective(FhirTypes.period(m.getEffectivePeriod()));
        } else {
            administration.setEffective(new DateTimeType(date(m.getAuthoredOn() != null ? m.getAuthoredOn() : java.time.Instant.EPOCH)));
        }
        m.getNotes().forEach(n -> administration.addNote(new Annotation().setText(n)));
        return administration;
    }

    private static MedicationStatement statement(String nhsNumber, MedicationRecorded m) {
        MedicationStatement statement = new MedicationStatement().setSubject(patient(nhsNumber)).setMedication(concept(m.getMedication()));
        statement.setStatus(MedicationStatement.MedicationStatementStatus.fromCode(oneOf(m.getStatus(), Set.of("active",
                "completed", "entered-in-error", "intended", "stopped", "on-hold", "unknown", "not-taken"), "unknown")));
        if (m.getEffectivePeriod() != null) {
            statement.setEffective(FhirTypes.period(m.getEffectivePeriod()));
        }
        statement.addDosage(dosage(m));
        m.getReasons().forEach(r -> statement.addReasonCode(concept(r)));
        m.getNotes().forEach(n -> statement.addNote(new Annotation().setText(n)));
        return statement;
    }

    private static Dosage dosage(MedicationRecorded m) {
        Dosage dosage = new Dosage().setText(m.getDosageText()).setRoute(concept(m.getRoute()));
        if (m.getDoseQuantity() != null) {
            dosage.addDoseAndRate().setDose(FhirTypes.quantity(m.getDoseQuantity()));
        }
        return dosage;
    }
}

package org.openspr.query.fhir;

import static org.openspr.query.fhir.FhirTypes.concept;
import static org.openspr.query.fhir.FhirTypes.date;
import static org.openspr.query.fhir.FhirTypes.oneOf;
import static org.openspr.query.fhir.FhirTypes.patient;

import java.util.Set;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.openspr.events.avro.ObservationRecorded;
import org.openspr.events.avro.ObservationValue;
import org.openspr.events.avro.DiagnosticReportRecorded;

/** Observations (with components and reference ranges) and diagnostic reports. */
final class ResultMapper {
    private static final Set<String> OBSERVATION_STATUS = Set.of("registered", "preliminary", "final", "amended", "corrected",
            "cancelled", "entered-in-error", "unknown");

    Observation observation(String nhsNumber, ObservationRecorded o) {
        Observation observation = new Observation().setSubject(patient(nhsNumber)).setCode(concept(o.getCode()));
        observation.setStatus(Observation.ObservationStatus.fromCode(oneOf(o.getStatus(), OBSERVATION_STATUS, "unknown")));
        o.getCategories().forEach(c -> observation.addCategory(concept(c)));
        Type value = value(o.getValue());
        if (value != null) {
            observation.setValue(value);
        } else if (o.getValue().getDataAbsentReason() != null) {
            observation.setDataAbsentReason(concept(o.getValue().getDataAbsentReason()));
        }
        o.getInterpretations().forEach(i -> observation.addInterpretation(concept(i)));
        o.getReferenceRanges().forEach(r -> {
            var range = observation.addReferenceRange().setLow(FhirTypes.quantity(r.getLow()) == null ? null
                    : new org.hl7.fhir.r4.model.SimpleQuantity().setValue(FhirTypes.quantity(r.getLow()).getValue())
                    .setUnit(r.getLow().getUnit()).setSystem(r.getLow().getUnitSystem()).setCode(r.getLow().getUnitCode()));
            if (r.getHigh() != null) {
                range.setHigh((org.hl7.fhir.r4.model.SimpleQuantity) new org.hl7.fhir.r4.model.SimpleQuantity()
                        .setValue(new java.math.BigDecimal(r.getHigh().getValue())).setUnit(r.getHigh().getUnit())
                        .setSystem(r.getHigh().getUnitSystem()).setCode(r.getHigh().getUnitCode()));
            }
            range.setText(r.getText());
        });
        o.getComponents().forEach(c -> {
            var component = observation.addComponent().setCode(concept(c.getCode()));
            Type componentValue = value(c.getValue());
            if (componentValue != null) {
                component.setValue(componentValue);
            } else if (c.getValue().getDataAbsentReason() != null) {
                component.setDataAbsentReason(concept(c.getValue().getDataAbsentReason()));
            }
            c.getInterpretations().forEach(i -> component.addInterpretation(concept(i)));
        });
        if (o.getEffective() != null) {
            observation.setEffective(new DateTimeType(date(o.getEffective())));
        }
        if (o.getIssued() != null) {
            observation.setIssued(date(o.getIssued()));
        }
        observation.setSpecimen(null);
        observation.setMethod(concept(o.getMethod()));
        observation.setBodySite(concept(o.getBodySite()));
        o.getNotes().forEach(n -> observation.addNote(new Annotation().setText(n)));
        return observation;
    }

    DiagnosticReport report(String nhsNumber, DiagnosticReportRecorded r) {
        DiagnosticReport report = new DiagnosticReport().setSubject(patient(nhsNumber)).setCode(concept(r.getCode()));
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.fromCode(oneOf(r.getStatus(), Set.of("registered", "partial",
                "preliminary", "final", "amended", "corrected", "appended", "cancelled", "entered-in-error", "unknown"), "unknown")));
        r.getCategories().forEach(c -> report.addCategory(concept(c)));
        if (r.getEffective() != null) {
            report.setEffective(new DateTimeType(date(r.getEffective())));
        }
        if (r.getIssued() != null) {
            report.setIssued(date(r.getIssued()));
        }
        report.setConclusion(r.getConclusion());
        r.getConclusionCodes().forEach(c -> report.addConclusionCode(concept(c)));
        return report;
    }

    private static Type value(ObservationValue v) {
        if (v.getQuantity() != null) {
            return FhirTypes.quantity(v.getQuantity());
        } else if (v.getConcept() != null) {
            return concept(v.getConcept());
        } else if (v.getText() != null) {
            return new StringType(v.getText());
        } else if (v.getFlag() != null) {
            return new BooleanType(v.getFlag());
        } else if (v.getDateTime() != null) {
            return new DateTimeType(date(v.getDateTime()));
        }
        return null;
    }
}

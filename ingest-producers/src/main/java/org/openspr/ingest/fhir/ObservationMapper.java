package org.openspr.ingest.fhir;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;
import org.openspr.events.avro.ObservationComponent;
import org.openspr.events.avro.ObservationKind;
import org.openspr.events.avro.ObservationRecorded;
import org.openspr.events.avro.ObservationValue;
import org.openspr.events.avro.Quantity;

/** Observation → ObservationRecorded, with components; the kind comes from the observation category. */
final class ObservationMapper implements ResourceMapper<Observation> {
    @Override
    public Reference patient(Observation o) {
        return o.getSubject();
    }

    @Override
    public Mapped map(Observation o, BundleIndex refs) {
        List<ObservationComponent> components = new ArrayList<>();
        for (var c : o.getComponent()) {
            components.add(ObservationComponent.newBuilder().setCode(FhirTypes.conceptOrEmpty(c.getCode()))
                    .setValue(value(c.getValue(), c.getDataAbsentReason()))
                    .setInterpretations(FhirTypes.concepts(c.getInterpretation()))
                    .setReferenceRanges(FhirTypes.ranges(c.getReferenceRange())).build());
        }
        String status = FhirTypes.codeOr(o.getStatusElement(), "unknown");
        ObservationRecorded payload = ObservationRecorded.newBuilder()
                .setKind(kind(o.getCategory()))
                .setCode(FhirTypes.conceptOrEmpty(o.getCode()))
                .setStatus(status)
                .setCategories(FhirTypes.concepts(o.getCategory()))
                .setValue(value(o.getValue(), o.getDataAbsentReason()))
                .setInterpretations(FhirTypes.concepts(o.getInterpretation()))
                .setReferenceRanges(FhirTypes.ranges(o.getReferenceRange()))
                .setComponents(components)
                .setEffective(FhirTypes.instant(o.getEffective()))
                .setIssued(FhirTypes.instant(o.getIssued()))
                .setPerformer(FhirTypes.firstAuthor(o.getPerformer()))
                .setSpecimen(o.hasSpecimen() ? FhirTypes.textConcept(FhirTypes.display(o.getSpecimen())) : null)
                .setMethod(FhirTypes.concept(o.getMethod()))
                .setBodySite(FhirTypes.concept(o.getBodySite()))
                .setNotes(FhirTypes.notes(o.getNote()))
                .build();
        return Mapped.of(payload, payload.getEffective(), payload.getPerformer(), status);
    }

    static ObservationValue value(Type value, CodeableConcept absent) {
        ObservationValue.Builder v = ObservationValue.newBuilder().setDataAbsentReason(FhirTypes.concept(absent));
        if (value instanceof org.hl7.fhir.r4.model.Quantity q) {
            v.setQuantity(FhirTypes.quantity(q));
        } else if (value instanceof IntegerType i && i.getValue() != null) {
            v.setQuantity(Quantity.newBuilder().setValue(i.getValue().toString()).build());
        } else if (value instanceof CodeableConcept cc) {
            v.setConcept(FhirTypes.concept(cc));
        } else if (value instanceof BooleanType b) {
            v.setFlag(b.getValue());
        } else if (value instanceof org.hl7.fhir.r4.model.BaseDateTimeType) {
            v.setDateTime(FhirTypes.instant(value));
        } else if (value instanceof PrimitiveType<?> p) {
            v.setText(p.getValueAsString());
        } else if (value != null && !value.isEmpty()) {
            v.setText(value.fhirType() + " value"); // Range, Ratio, SampledData: kept in the raw message
        }
        return v.build();
    }

    static ObservationKind kind(List<CodeableConcept> categories) {
        for (CodeableConcept cc : categories) {
            for (var c : cc.getCoding()) {
                String code = c.getCode() == null ? "" : c.getCode();
                switch (code) {
                    case "vital-signs": return ObservationKind.VITAL_SIGN;
                    case "laboratory": return ObservationKind.LAB_RESULT;
                    case "imaging": return ObservationKind.IMAGING;
                    case "social-history": return ObservationKind.SOCIAL_HISTORY;
                    case "survey": return ObservationKind.SURVEY;
                    case "exam": return ObservationKind.EXAM;
                    default: break;
                }
            }
        }
        return ObservationKind.OTHER;
    }
}

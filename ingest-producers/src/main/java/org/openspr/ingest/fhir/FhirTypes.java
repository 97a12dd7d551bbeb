package org.openspr.ingest.fhir;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;
import org.openspr.events.avro.Author;
import org.openspr.events.avro.Coding;
import org.openspr.events.avro.Concept;
import org.openspr.events.avro.Period;
import org.openspr.events.avro.Quantity;
import org.openspr.events.avro.ReferenceRange;

/** Converts HAPI R4 datatypes to the event model's types; every method is null-safe and returns null for "absent". */
final class FhirTypes {
    private FhirTypes() {
    }

    static Concept concept(CodeableConcept cc) {
        if (cc == null || cc.isEmpty()) {
            return null;
        }
        List<Coding> codings = new ArrayList<>();
        for (org.hl7.fhir.r4.model.Coding c : cc.getCoding()) {
            Coding coding = coding(c);
            if (coding != null) {
                codings.add(coding);
            }
        }
        return Concept.newBuilder().setCodings(codings).setText(cc.getText()).build();
    }

    /** A concept where the event model requires one: an empty concept when the source sent none. */
    static Concept conceptOrEmpty(CodeableConcept cc) {
        Concept concept = concept(cc);
        return concept != null ? concept : Concept.newBuilder().setCodings(List.of()).build();
    }

    static Concept concept(org.hl7.fhir.r4.model.Coding c) {
        Coding coding = coding(c);
        return coding == null ? null : Concept.newBuilder().setCodings(List.of(coding)).setText(c.getDisplay()).build();
    }

    static Concept textConcept(String text) {
        return text == null ? null : Concept.newBuilder().setCodings(List.of()).setText(text).build();
    }

    static List<Concept> concepts(List<CodeableConcept> ccs) {
        List<Concept> out = new ArrayList<>();
        for (CodeableConcept cc : ccs) {
            Concept concept = concept(cc);
            if (concept != null) {
                out.add(concept);
            }
        }
        return out;
    }

    static Coding coding(org.hl7.fhir.r4.model.Coding c) {
        if (c == null || !c.hasCode()) {
            return null;
        }
        return Coding.newBuilder().setSystem(c.hasSystem() ? c.getSystem() : "").setCode(c.getCode()).setDisplay(c.getDisplay()).build();
    }

    static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    /** The instant of a dateTime, instant or date, or the start of a Period; null for other choice types. */
    static Instant instant(Type value) {
        if (value instanceof BaseDateTimeType dt && dt.getValue() != null) {
            return dt.getValue().toInstant();
        }
        if (value instanceof org.hl7.fhir.r4.model.Period p) {
            return instant(p.getStart());
        }
        return null;
    }

    static Period period(org.hl7.fhir.r4.model.Period p) {
        if (p == null || p.isEmpty()) {
            return Period.newBuilder().build();
        }
        return Period.newBuilder().setStart(instant(p.getStart())).setEnd(instant(p.getEnd())).build();
    }

    /** A Period from a choice of dateTime or Period (Procedure.performed[x], MedicationStatement.effective[x]). */
    static Period period(Type value) {
        if (value instanceof org.hl7.fhir.r4.model.Period p) {
            return period(p);
        }
        Instant at = instant(value);
        return Period.newBuilder().setStart(at).setEnd(at).build();
    }

    static Quantity quantity(org.hl7.fhir.r4.model.Quantity q) {
        if (q == null || !q.hasValue()) {
            return null;
        }
        BigDecimal value = q.getValue();
        return Quantity.newBuilder().setValue(value.toPlainString())
                .setComparator(q.hasComparator() ? q.getComparator().toCode() : null)
                .setUnit(q.getUnit()).setUnitSystem(q.getSystem()).setUnitCode(q.getCode()).build();
    }

    static List<ReferenceRange> ranges(List<org.hl7.fhir.r4.model.Observation.ObservationReferenceRangeComponent> ranges) {
        List<ReferenceRange> out = new ArrayList<>();
        for (var r : ranges) {
            out.add(ReferenceRange.newBuilder().setLow(quantity(r.getLow())).setHigh(quantity(r.getHigh()))
                    .setText(r.getText()).build());
        }
        return out;
    }

    static Author author(Reference ref) {
        if (ref == null || ref.isEmpty()) {
            return null;
        }
        String id = ref.hasReference() ? ref.getReference() : ref.hasIdentifier() ? ref.getIdentifier().getValue() : null;
        return Author.newBuilder().setId(id).setName(ref.getDisplay()).build();
    }

    static Author firstAuthor(List<Reference> refs) {
        return refs.isEmpty() ? null : author(refs.get(0));
    }

    static String display(Reference ref) {
        if (ref == null || ref.isEmpty()) {
            return null;
        }
        if (ref.hasDisplay()) {
            return ref.getDisplay();
        }
        return ref.hasReference() ? ref.getReference() : ref.getIdentifier().getValue();
    }

    static List<String> notes(List<Annotation> notes) {
        List<String> out = new ArrayList<>();
        for (Annotation a : notes) {
            if (a.hasText()) {
                out.add(a.getText());
            }
        }
        return out;
    }

    static String code(Enumeration<?> e) {
        return e == null || !e.hasValue() ? null : e.getValueAsString();
    }

    static String codeOr(Enumeration<?> e, String fallback) {
        String code = code(e);
        return code != null ? code : fallback;
    }

    /** First code of a status-like CodeableConcept (Condition.clinicalStatus and friends). */
    static String firstCode(CodeableConcept cc) {
        if (cc == null) {
            return null;
        }
        for (org.hl7.fhir.r4.model.Coding c : cc.getCoding()) {
            if (c.hasCode()) {
                return c.getCode();
            }
        }
        return cc.getText();
    }
}

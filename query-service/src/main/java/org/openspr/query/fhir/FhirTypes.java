package org.openspr.query.fhir;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.openspr.events.avro.Concept;

/** Small conversions from the event model's value types to FHIR datatypes. */
final class FhirTypes {
    static final String NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
    static final String ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private FhirTypes() {
    }

    /** A valid FHIR id for an item: the item id itself when it fits, else a stable hash of it. */
    static String id(String itemId) {
        if (FHIR_ID.matcher(itemId).matches()) {
            return itemId;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(itemId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "h" + HexFormat.of().formatHex(hash, 0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static CodeableConcept concept(Concept concept) {
        if (concept == null) {
            return null;
        }
        CodeableConcept result = new CodeableConcept();
        for (org.openspr.events.avro.Coding coding : concept.getCodings()) {
            result.addCoding(coding(coding));
        }
        if (concept.getText() != null) {
            result.setText(concept.getText());
        }
        return result;
    }

    static List<CodeableConcept> concepts(List<Concept> concepts) {
        return concepts.stream().map(FhirTypes::concept).toList();
    }

    static Coding coding(org.openspr.events.avro.Coding coding) {
        return new Coding(coding.getSystem(), coding.getCode(), coding.getDisplay());
    }

    static CodeableConcept codeable(String system, String code) {
        return new CodeableConcept(new Coding(system, code, null));
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    static Period period(org.openspr.events.avro.Period period) {
        if (period == null || period.getStart() == null && period.getEnd() == null) {
            return null;
        }
        return new Period().setStart(date(period.getStart())).setEnd(date(period.getEnd()));
    }

    static Quantity quantity(org.openspr.events.avro.Quantity quantity) {
        if (quantity == null) {
            return null;
        }
        Quantity result = new Quantity();
        result.setValue(new java.math.BigDecimal(quantity.getValue()));
        result.setUnit(quantity.getUnit());
        result.setSystem(quantity.getUnitSystem());
        result.setCode(quantity.getUnitCode());
        if (quantity.getComparator() != null) {
            result.setComparator(Quantity.QuantityComparator.fromCode(quantity.getComparator()));
        }
        return result;
    }

    static Reference patient(String nhsNumber) {
        return new Reference("Patient/" + nhsNumber);
    }

    /** The code when it is one of the allowed ones, else the fallback: a required binding must never be broken. */
    static String oneOf(String code, Set<String> allowed, String fallback) {
        return code != null && allowed.contains(code) ? code : fallback;
    }
}

package org.openspr.ingest.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.util.Terser;

/**
 * Read access to one parsed segment by position (field, repetition, component, sub-component; 1-based except
 * repetition), version-independent. Empty values and the HL7 explicit null {@code ""} both read as null.
 *
 * @param index position of this segment among segments of the same name, 1-based (for locations like OBX[3])
 */
record Hl7Segment(Segment segment, String name, int index) {

    String location() {
        return name + "[" + index + "]";
    }

    String get(int field) {
        return get(field, 0, 1, 1);
    }

    String get(int field, int component) {
        return get(field, 0, component, 1);
    }

    String get(int field, int rep, int component) {
        return get(field, rep, component, 1);
    }

    String get(int field, int rep, int component, int sub) {
        try {
            if (field > segment.numFields() || rep >= segment.getField(field).length) {
                return null;
            }
            String value = Terser.get(segment, field, rep, component, sub);
            if (value == null) {
                return null;
            }
            value = value.trim();
            return value.isEmpty() || "\"\"".equals(value) ? null : value;
        } catch (HL7Exception | RuntimeException e) {
            return null; // a field this version's structure does not have reads as absent
        }
    }

    int reps(int field) {
        try {
            return field > segment.numFields() ? 0 : segment.getField(field).length;
        } catch (HL7Exception e) {
            return 0;
        }
    }
}

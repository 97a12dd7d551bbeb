package org.openspr.ingest.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.util.Terser;
import java.util.Arrays;

/**
 * Read access to one parsed segment by position (field, repetition, component, sub-component; 1-based except
 * repetition), version-independent. Empty values and the HL7 explicit null {@code ""} both read as null.
 * Mapping only reads the segment, so the number of repetitions of each field is counted once: HAPI's
 * {@code getField(n)} copies the repetitions into a new array on every call.
 */
final class Hl7Segment {
    private final Segment segment;
    private final String name;
    private final int index;
    private final int[] reps; // per field, -1 = not counted yet

    /** @param index position of this segment among segments of the same name, 1-based (for locations like OBX[3]) */
    Hl7Segment(Segment segment, String name, int index) {
        this.segment = segment;
        this.name = name;
        this.index = index;
        this.reps = new int[segment.numFields() + 1];
        Arrays.fill(reps, -1);
    }

    String name() {
        return name;
    }

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
            if (rep >= reps(field)) {
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
        if (field < 1 || field >= reps.length) {
            return 0; // beyond the fields the segment has (numFields is fixed once parsed: mapping never adds fields)
        }
        int n = reps[field];
        if (n < 0) {
            try {
                n = segment.getField(field).length;
            } catch (HL7Exception e) {
                n = 0;
            }
            reps[field] = n;
        }
        return n;
    }
}

package org.openspr.ingest.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Composite;
import ca.uhn.hl7v2.model.Primitive;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.model.Varies;
import java.util.Arrays;

/**
 * Read access to one segment by position (field, repetition, component, sub-component; 1-based except repetition),
 * version-independent. Empty values and the HL7 explicit null {@code ""} both read as null. HAPI parses the segment the
 * first time a value is read: mappings skip most segments they do not map (MSH is read from the text, PV1 by ADT only).
 * Mapping only reads the segment, so the number of repetitions of each field is counted once: HAPI's
 * {@code getField(n)} copies the repetitions into a new array on every call.
 */
final class Hl7Segment {
    /** Parses one segment line of a message; throws an IngestRejection if it cannot. */
    interface Parsing {
        Segment parse(String name, String line);
    }

    private final String line;
    private final String name;
    private final int index;
    private final Parsing parsing;
    private Segment segment;
    private int[] reps; // per field, -1 = not counted yet

    /**
     * @param line  the segment's text, delimiters and escapes as sent
     * @param index position of this segment among segments of the same name, 1-based (for locations like OBX[3])
     */
    Hl7Segment(String line, String name, int index, Parsing parsing) {
        this.line = line;
        this.name = name;
        this.index = index;
        this.parsing = parsing;
    }

    private Segment segment() {
        if (segment == null) {
            segment = parsing.parse(name, line);
            reps = new int[segment.numFields() + 1];
            Arrays.fill(reps, -1);
        }
        return segment;
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
        Segment parsed = segment(); // a segment HAPI cannot parse is the message's rejection, not an absent value
        try {
            if (rep >= reps(field)) {
                return null;
            }
            Type value = part(part(parsed.getField(field, rep), component), sub);
            if (!(value instanceof Primitive primitive) || primitive.getValue() == null) {
                return null;
            }
            String text = primitive.getValue().trim();
            return text.isEmpty() || "\"\"".equals(text) ? null : text;
        } catch (HL7Exception | RuntimeException e) {
            return null; // a field this segment does not have reads as absent
        }
    }

    /**
     * The n-th (1-based) component of a parsed value, or sub-component of a component, without changing the structure
     * (HAPI's Terser turns a value into a composite when asked for a part it does not have). A plain value is its own
     * first part.
     */
    private static Type part(Type type, int n) {
        Type t = data(type);
        if (t instanceof Composite composite) {
            Type[] parts = composite.getComponents();
            return n <= parts.length ? data(parts[n - 1]) : null;
        }
        return n == 1 ? t : null;
    }

    private static Type data(Type type) {
        Type t = type;
        while (t instanceof Varies varies) {
            t = varies.getData();
        }
        return t;
    }

    int reps(int field) {
        Segment parsed = segment();
        if (field < 1 || field >= reps.length) {
            return 0; // beyond the fields the segment has (numFields is fixed once parsed: mapping never adds fields)
        }
        int n = reps[field];
        if (n < 0) {
            try {
                n = parsed.getField(field).length;
            } catch (HL7Exception e) {
                n = 0;
            }
            reps[field] = n;
        }
        return n;
    }
}

package org.openspr.ingest.hl7;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openspr.events.avro.Author;
import org.openspr.events.avro.Coding;
import org.openspr.events.avro.Concept;
import org.openspr.events.avro.Quantity;
import org.openspr.events.avro.ReferenceRange;

/** Converts HL7 v2 composite values (CE/CWE, XCN, NM with units, ranges) to event model types. */
final class Hl7Values {
    private static final Pattern RANGE = Pattern.compile("\\[?\\s*([<>]?=?)\\s*(-?[\\d.]+)?\\s*(?:-|to)?\\s*(-?[\\d.]+)?\\s*\\]?");

    private Hl7Values() {
    }

    /** CE/CWE at (field, rep): identifier^text^system, plus the alternate triple in components 4-6. */
    static Concept concept(Hl7Segment s, int field, int rep) {
        List<Coding> codings = new ArrayList<>();
        addCoding(codings, s.get(field, rep, 1), s.get(field, rep, 2), s.get(field, rep, 3));
        addCoding(codings, s.get(field, rep, 4), s.get(field, rep, 5), s.get(field, rep, 6));
        String text = s.get(field, rep, 2);
        if (codings.isEmpty() && text == null) {
            text = s.get(field, rep, 1) == null ? s.get(field, rep, 9) : null; // CWE-9 original text
        }
        if (codings.isEmpty() && text == null) {
            return null;
        }
        return Concept.newBuilder().setCodings(codings).setText(text).build();
    }

    static Concept concept(Hl7Segment s, int field) {
        return concept(s, field, 0);
    }

    static Concept conceptOrEmpty(Hl7Segment s, int field) {
        Concept c = concept(s, field, 0);
        return c != null ? c : Concept.newBuilder().setCodings(List.of()).build();
    }

    static List<Concept> concepts(Hl7Segment s, int field) {
        List<Concept> out = new ArrayList<>();
        for (int rep = 0; rep < s.reps(field); rep++) {
            Concept c = concept(s, field, rep);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /** A table value (HL7 table 0078 abnormal flags, etc.) as a coded concept. */
    static Concept tableConcept(String code, String system) {
        return code == null ? null : Concept.newBuilder()
                .setCodings(List.of(Coding.newBuilder().setSystem(system).setCode(code).build())).build();
    }

    private static void addCoding(List<Coding> codings, String code, String display, String system) {
        if (code != null) {
            codings.add(Coding.newBuilder().setSystem(system == null ? "" : system).setCode(code).setDisplay(display).build());
        }
    }

    /** XCN: id^family^given^middle^suffix^prefix. */
    static Author author(Hl7Segment s, int field) {
        String id = s.get(field, 0, 1);
        String family = s.get(field, 0, 2);
        if (id == null && family == null) {
            return null;
        }
        StringBuilder name = new StringBuilder();
        for (String part : new String[] {s.get(field, 0, 6), s.get(field, 0, 3), family}) {
            if (part != null) {
                name.append(name.length() == 0 ? "" : " ").append(part);
            }
        }
        return Author.newBuilder().setId(id).setName(name.length() == 0 ? null : name.toString()).build();
    }

    static Quantity quantity(String value, String unit) {
        if (value == null) {
            return null;
        }
        String comparator = null;
        String number = value;
        for (String c : new String[] {"<=", ">=", "<", ">"}) {
            if (number.startsWith(c)) {
                comparator = c;
                number = number.substring(c.length()).trim();
                break;
            }
        }
        return Quantity.newBuilder().setValue(number).setComparator(comparator).setUnit(unit).build();
    }

    /** "2.5 - 7.8", "[ 4.0 - 11.0 ]", "<5", ">10": low/high where readable, the text always. */
    static ReferenceRange range(String text, String unit) {
        if (text == null) {
            return null;
        }
        ReferenceRange.Builder range = ReferenceRange.newBuilder().setText(text);
        Matcher m = RANGE.matcher(text.trim());
        if (m.matches()) {
            String op = m.group(1);
            String first = m.group(2);
            String second = m.group(3);
            if (op != null && op.startsWith("<") && first != null) {
                range.setHigh(quantity(first, unit));
            } else if (op != null && op.startsWith(">") && first != null) {
                range.setLow(quantity(first, unit));
            } else {
                if (first != null) {
                    range.setLow(quantity(first, unit));
                }
                if (second != null) {
                    range.setHigh(quantity(second, unit));
                }
            }
        }
        return range.build();
    }
}

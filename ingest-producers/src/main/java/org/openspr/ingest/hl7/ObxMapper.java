package org.openspr.ingest.hl7;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openspr.events.avro.ChangeKind;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.Concept;
import org.openspr.events.avro.EntryEnteredInError;
import org.openspr.events.avro.ObservationKind;
import org.openspr.events.avro.ObservationRecorded;
import org.openspr.events.avro.ObservationValue;
import org.openspr.events.avro.ReferenceRange;

/** One OBX (with the NTE comments that follow it) → ObservationRecorded. */
final class ObxMapper {
    private static final String INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v2-0078";

    private ObxMapper() {
    }

    /**
     * @param orderKey   filler order number (or another stable id of the order/context the OBX belongs to)
     * @param effective  fallback clinical time (OBR-7) when OBX-14 is empty
     */
    static ClinicalEvent map(Hl7Run run, Hl7Segment obx, List<String> notes, String orderKey, Instant effective,
                             Instant issued, ObservationKind kind) {
        Concept code = Hl7Values.conceptOrEmpty(obx, 3);
        String codeKey = code.getCodings().isEmpty() ? String.valueOf(code.getText()) : code.getCodings().get(0).getCode();
        String subId = obx.get(4);
        String itemSourceId = run.unique("Observation/" + orderKey + "/" + codeKey + (subId != null ? "/" + subId : ""));
        String unit = obx.get(6, 0, 1) != null ? obx.get(6, 0, 1) : obx.get(6, 0, 2);
        List<ReferenceRange> ranges = new ArrayList<>();
        ReferenceRange range = Hl7Values.range(obx.get(7), unit);
        if (range != null) {
            ranges.add(range);
        }
        List<Concept> interpretations = new ArrayList<>();
        for (int rep = 0; rep < obx.reps(8); rep++) {
            Concept c = Hl7Values.tableConcept(obx.get(8, rep, 1), INTERPRETATION);
            if (c != null) {
                interpretations.add(c);
            }
        }
        String resultStatus = obx.get(11);
        Instant when = Hl7Time.instant(obx.get(14));
        ObservationRecorded payload = ObservationRecorded.newBuilder()
                .setKind(kind)
                .setCode(code)
                .setStatus(status(resultStatus))
                .setValue(value(obx, unit))
                .setInterpretations(interpretations)
                .setReferenceRanges(ranges)
                .setEffective(when != null ? when : effective)
                .setIssued(issued)
                .setPerformer(Hl7Values.author(obx, 16))
                .setMethod(Hl7Values.concept(obx, 17))
                .setNotes(notes)
                .setCategories(List.of()) // set, not defaulted: a builder default costs a schema hash per field and event
                .setComponents(List.of())
                .build();
        ClinicalEvent.Builder event = run.envelope(itemSourceId, "Observation", payload.getPerformer())
                .setOccurredAt(payload.getEffective())
                .setVersionedAt(run.ctx.versionedAt(Hl7Time.instant(obx.get(19))));
        if ("D".equals(resultStatus) || "W".equals(resultStatus)) {
            return event.setChange(ChangeKind.ENTERED_IN_ERROR).setPayload(EntryEnteredInError.newBuilder()
                    .setEntryType("Observation").setReason("OBX-11 result status " + resultStatus).build()).build();
        }
        return event.setChange("C".equals(resultStatus) ? ChangeKind.AMENDED : ChangeKind.RECORDED).setPayload(payload).build();
    }

    static ObservationValue value(Hl7Segment obx, String unit) {
        String type = obx.get(2) == null ? "ST" : obx.get(2);
        ObservationValue.Builder v = ObservationValue.newBuilder();
        switch (type) {
            case "NM" -> v.setQuantity(Hl7Values.quantity(obx.get(5), unit));
            case "SN" -> {
                String comparator = obx.get(5, 0, 1);
                String number = obx.get(5, 0, 2);
                String second = obx.get(5, 0, 4);
                if (second != null) {
                    v.setText((number == null ? "" : number) + (obx.get(5, 0, 3) == null ? "-" : obx.get(5, 0, 3)) + second);
                } else if (number != null) {
                    v.setQuantity(Hl7Values.quantity((comparator == null ? "" : comparator) + number, unit));
                }
            }
            case "CE", "CWE", "CNE", "CF" -> v.setConcept(Hl7Values.concept(obx, 5));
            case "DT", "TS", "DTM" -> v.setDateTime(Hl7Time.instant(obx.get(5)));
            case "ED" -> v.setText("encapsulated " + String.valueOf(obx.get(5, 0, 2)) + "/" + String.valueOf(obx.get(5, 0, 3))
                    + " data (kept on the raw topic)");
            case "RP" -> v.setText(obx.get(5, 0, 1));
            default -> v.setText(text(obx));
        }
        return v.build();
    }

    /** All repetitions of OBX-5 as lines: TX/FT results repeat the field for each line. */
    static String text(Hl7Segment obx) {
        StringBuilder out = new StringBuilder();
        for (int rep = 0; rep < obx.reps(5); rep++) {
            String line = obx.get(5, rep, 1);
            if (line != null) {
                out.append(out.length() == 0 ? "" : "\n").append(line);
            }
        }
        return out.length() == 0 ? null : out.toString();
    }

    static String status(String code) {
        if (code == null) {
            return "unknown";
        }
        return switch (code) {
            case "F" -> "final";
            case "P", "S" -> "preliminary";
            case "C" -> "corrected";
            case "D", "W" -> "entered-in-error";
            case "R", "I" -> "registered";
            case "X" -> "cancelled";
            default -> "unknown";
        };
    }
}

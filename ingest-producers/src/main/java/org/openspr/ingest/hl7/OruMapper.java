package org.openspr.ingest.hl7;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.DiagnosticReportRecorded;
import org.openspr.events.avro.ObservationKind;

/**
 * ORU^R01: each OBR → DiagnosticReportRecorded, each OBX → ObservationRecorded with its NTE comments; NTEs
 * directly after an OBR become the report's conclusion. OBX without an OBR are grouped under the message id.
 */
final class OruMapper {
    private OruMapper() {
    }

    static void map(Hl7Run run) {
        Order order = null;
        Hl7Segment lastObx = null;
        List<String> lastNotes = null;
        List<Hl7Segment> lastNtes = null;
        List<Order> orders = new ArrayList<>();
        for (Hl7Segment s : run.segments) {
            switch (s.name()) {
                case "OBR" -> {
                    order = new Order(s, orderKey(run, s));
                    orders.add(order);
                    lastObx = null;
                }
                case "OBX" -> {
                    if (order == null) {
                        order = new Order(null, run.ctx.messageId());
                        orders.add(order);
                    }
                    lastObx = s;
                    lastNotes = new ArrayList<>();
                    lastNtes = new ArrayList<>();
                    order.results.add(new Result(s, lastNotes, lastNtes));
                }
                case "NTE" -> {
                    String text = s.get(3) == null ? null : joined(s);
                    if (lastObx != null) {
                        if (text != null) {
                            lastNotes.add(text);
                        }
                        lastNtes.add(s);
                    } else if (order != null) {
                        if (text != null) {
                            order.notes.add(text);
                        }
                        order.ntes.add(s);
                    }
                }
                default -> { }
            }
        }
        for (Order o : orders) {
            emit(run, o);
        }
    }

    private static void emit(Hl7Run run, Order o) {
        Instant effective = o.obr == null ? null : Hl7Time.instant(o.obr.get(7));
        Instant issued = o.obr == null ? null : Hl7Time.instant(o.obr.get(22));
        List<String> itemIds = new ArrayList<>();
        for (Result r : o.results) {
            ClinicalEvent obs = ObxMapper.map(run, r.obx, r.notes, o.key, effective, issued, ObservationKind.LAB_RESULT);
            List<Hl7Segment> from = new ArrayList<>(r.ntes);
            from.add(r.obx);
            run.add(obs, from.toArray(Hl7Segment[]::new));
            itemIds.add(obs.getItemId());
        }
        if (o.obr == null) {
            return;
        }
        DiagnosticReportRecorded payload = DiagnosticReportRecorded.newBuilder()
                .setCode(Hl7Values.conceptOrEmpty(o.obr, 4))
                .setStatus(ObxMapper.status(o.obr.get(25)))
                .setCategories(o.obr.get(24) == null ? List.of()
                        : List.of(Hl7Values.tableConcept(o.obr.get(24), "http://terminology.hl7.org/CodeSystem/v2-0074")))
                .setEffective(effective)
                .setIssued(issued)
                .setResultItemIds(itemIds)
                .setConclusion(o.notes.isEmpty() ? null : String.join("\n", o.notes))
                .setConclusionCodes(List.of())
                .setPresentedForms(List.of())
                .build();
        ClinicalEvent report = run.envelope(run.unique("DiagnosticReport/" + o.key), "DiagnosticReport", null)
                .setOccurredAt(effective).setPayload(payload).build();
        List<Hl7Segment> from = new ArrayList<>(o.ntes);
        from.add(o.obr);
        run.add(report, from.toArray(Hl7Segment[]::new));
    }

    /** NTE-3 repeats for multi-line comments. */
    private static String joined(Hl7Segment nte) {
        StringBuilder out = new StringBuilder();
        for (int rep = 0; rep < nte.reps(3); rep++) {
            String line = nte.get(3, rep, 1);
            if (line != null) {
                out.append(out.length() == 0 ? "" : "\n").append(line);
            }
        }
        return out.length() == 0 ? null : out.toString();
    }

    /** Filler order number (OBR-3), else placer (OBR-2), else message id + OBR position. */
    static String orderKey(Hl7Run run, Hl7Segment obr) {
        String filler = obr.get(3, 0, 1);
        if (filler != null) {
            return filler;
        }
        String placer = obr.get(2, 0, 1);
        return placer != null ? "placer:" + placer : run.ctx.messageId() + "/" + obr.location();
    }

    private record Result(Hl7Segment obx, List<String> notes, List<Hl7Segment> ntes) {
    }

    private static final class Order {
        final Hl7Segment obr;
        final String key;
        final List<Result> results = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final List<Hl7Segment> ntes = new ArrayList<>();

        Order(Hl7Segment obr, String key) {
            this.obr = obr;
            this.key = key;
        }
    }
}

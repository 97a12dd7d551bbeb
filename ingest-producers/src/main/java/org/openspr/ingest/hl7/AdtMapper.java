package org.openspr.ingest.hl7;

import java.time.Instant;
import java.util.List;
import org.openspr.events.avro.AllergyReaction;
import org.openspr.events.avro.AllergyRecorded;
import org.openspr.events.avro.ChangeKind;
import org.openspr.events.avro.Coding;
import org.openspr.events.avro.Concept;
import org.openspr.events.avro.ConditionRecorded;
import org.openspr.events.avro.EncounterKind;
import org.openspr.events.avro.EncounterRecorded;
import org.openspr.events.avro.Period;

/** ADT A01-A13, A28, A31: demographics from PID, the encounter from PV1, allergies (AL1) and diagnoses (DG1). */
final class AdtMapper {
    private AdtMapper() {
    }

    static void map(Hl7Run run) {
        Hl7Segment pid = run.first("PID");
        Hl7Segment pd1 = run.first("PD1");
        boolean amended = List.of("A08", "A31").contains(run.trigger);
        run.add(run.envelope("Patient/" + run.routingKey(), "Patient", null)
                .setChange(amended ? ChangeKind.AMENDED : ChangeKind.RECORDED)
                .setPayload(DemographicsFromPid.map(pid, pd1)).build(), pid, pd1);
        EncounterKind kind = kind(run.trigger);
        for (Hl7Segment s : run.segments) {
            switch (s.name()) {
                case "PV1" -> {
                    if (kind != null) {
                        encounter(run, s, kind);
                    } else {
                        run.skip(s, "PV1 of an " + run.trigger + " (registration/update) carries no encounter event");
                    }
                }
                case "AL1" -> allergy(run, s);
                case "DG1" -> diagnosis(run, s);
                default -> { }
            }
        }
    }

    private static void encounter(Hl7Run run, Hl7Segment pv1, EncounterKind kind) {
        Hl7Segment evn = run.first("EVN");
        Hl7Segment pv2 = run.first("PV2");
        Instant start = Hl7Time.instant(pv1.get(44));
        Instant end = Hl7Time.instant(pv1.get(45));
        Instant occurred = evn != null && evn.get(6) != null ? Hl7Time.instant(evn.get(6)) : evn != null ? Hl7Time.instant(evn.get(2)) : null;
        if (start == null && kind == EncounterKind.ADMISSION) {
            start = occurred;
        }
        String visit = pv1.get(19);
        String patientClass = pv1.get(2);
        EncounterRecorded payload = EncounterRecorded.newBuilder()
                .setKind(kind)
                .setStatus(status(kind, end))
                .setEncounterClass(patientClass == null ? null
                        : Coding.newBuilder().setSystem("http://terminology.hl7.org/CodeSystem/v2-0004").setCode(patientClass).build())
                .setType(Hl7Values.tableConcept(pv1.get(10), "http://terminology.hl7.org/CodeSystem/v2-0069"))
                .setPeriod(Period.newBuilder().setStart(start).setEnd(end).build())
                .setLocation(location(pv1, 3))
                .setPriorLocation(location(pv1, 6))
                .setAttendingClinician(Hl7Values.author(pv1, 7))
                .setVisitNumber(visit)
                .setReasons(pv2 == null ? List.of() : Hl7Values.concepts(pv2, 3))
                .setDischargeDisposition(Hl7Values.tableConcept(pv1.get(36), "http://terminology.hl7.org/CodeSystem/v2-0112"))
                .build();
        String itemSourceId = run.unique("Encounter/" + (visit != null ? visit : run.ctx.messageId()));
        boolean cancelOrUpdate = kind.name().startsWith("CANCELLED") || kind == EncounterKind.UPDATE;
        run.add(run.envelope(itemSourceId, "Encounter", payload.getAttendingClinician())
                .setChange(cancelOrUpdate ? ChangeKind.AMENDED : ChangeKind.RECORDED)
                .setOccurredAt(occurred != null ? occurred : start)
                .setPayload(payload).build(), pv1, pv2, evn);
    }

    private static void allergy(Hl7Run run, Hl7Segment al1) {
        Concept code = Hl7Values.conceptOrEmpty(al1, 3);
        String key = code.getCodings().isEmpty() ? code.getText() : code.getCodings().get(0).getCode();
        List<Concept> manifestations = new java.util.ArrayList<>();
        for (int rep = 0; rep < al1.reps(5); rep++) {
            String text = al1.get(5, rep, 1);
            if (text != null) {
                manifestations.add(Concept.newBuilder().setText(text).build());
            }
        }
        String type = al1.get(2);
        AllergyRecorded payload = AllergyRecorded.newBuilder()
                .setCode(code)
                .setType("allergy")
                .setCategories(type == null ? List.of() : List.of(switch (type) {
                    case "DA", "MA" -> "medication";
                    case "FA" -> "food";
                    case "EA", "PA", "AA", "LA" -> "environment";
                    default -> type;
                }))
                .setCriticality("SV".equals(al1.get(4)) ? "high" : al1.get(4) == null ? null : "low")
                .setOnset(Hl7Time.instant(al1.get(6)))
                .setReactions(manifestations.isEmpty() ? List.of()
                        : List.of(AllergyReaction.newBuilder().setManifestations(manifestations).build()))
                .build();
        run.add(run.envelope(run.unique("AllergyIntolerance/" + run.routingKey() + "/" + key), "AllergyIntolerance", null)
                .setOccurredAt(payload.getOnset()).setPayload(payload).build(), al1);
    }

    private static void diagnosis(Hl7Run run, Hl7Segment dg1) {
        Concept code = Hl7Values.conceptOrEmpty(dg1, 3);
        if (code.getCodings().isEmpty() && code.getText() == null && dg1.get(4) != null) {
            code = Concept.newBuilder().setText(dg1.get(4)).build(); // v2.3 DG1-4 description
        }
        String key = code.getCodings().isEmpty() ? code.getText() : code.getCodings().get(0).getCode();
        ConditionRecorded payload = ConditionRecorded.newBuilder()
                .setCode(code)
                .setVerificationStatus("F".equals(dg1.get(6)) ? "confirmed" : "provisional")
                .setOnset(Hl7Time.instant(dg1.get(5)))
                .build();
        run.add(run.envelope(run.unique("Condition/" + run.routingKey() + "/" + key), "Condition", Hl7Values.author(dg1, 16))
                .setOccurredAt(payload.getOnset()).setPayload(payload).build(), dg1);
    }

    private static String location(Hl7Segment pv1, int field) {
        StringBuilder out = new StringBuilder();
        for (int c = 1; c <= 4; c++) {
            String part = pv1.get(field, 0, c);
            if (part != null) {
                out.append(out.length() == 0 ? "" : ", ").append(part);
            }
        }
        return out.length() == 0 ? null : out.toString();
    }

    static EncounterKind kind(String trigger) {
        return switch (trigger) {
            case "A01" -> EncounterKind.ADMISSION;
            case "A02" -> EncounterKind.TRANSFER;
            case "A03" -> EncounterKind.DISCHARGE;
            case "A04" -> EncounterKind.ATTENDANCE;
            case "A05", "A14" -> EncounterKind.PRE_ADMISSION;
            case "A06", "A07", "A08" -> EncounterKind.UPDATE;
            case "A11" -> EncounterKind.CANCELLED_ADMISSION;
            case "A12" -> EncounterKind.CANCELLED_TRANSFER;
            case "A13" -> EncounterKind.CANCELLED_DISCHARGE;
            default -> null; // A28, A31 and friends: person registration, no visit
        };
    }

    private static String status(EncounterKind kind, Instant end) {
        return switch (kind) {
            case DISCHARGE -> "finished";
            case PRE_ADMISSION -> "planned";
            case ATTENDANCE -> "arrived";
            case CANCELLED_ADMISSION -> "cancelled";
            default -> end != null ? "finished" : "in-progress";
        };
    }
}

package org.openspr.ingest.hl7;

import org.openspr.events.avro.MedicationKind;
import org.openspr.events.avro.MedicationRecorded;

/** RDE^O11 (RXE → prescribed), RDS^O13 (RXD → dispensed), RAS^O17 (RXA → administered), each with its ORC and RXR. */
final class PharmacyMapper {
    private PharmacyMapper() {
    }

    static void map(Hl7Run run) {
        Hl7Segment rxr = run.first("RXR");
        Hl7Segment orc = null;
        for (Hl7Segment s : run.segments) {
            switch (s.name()) {
                case "ORC" -> orc = s;
                case "RXE" -> prescribed(run, s, orc, rxr);
                case "RXD" -> dispensed(run, s, orc, rxr);
                case "RXA" -> administered(run, s, orc, rxr);
                default -> { }
            }
        }
    }

    private static String orderKey(Hl7Run run, Hl7Segment orc, Hl7Segment item) {
        String placer = orc == null ? null : orc.get(2, 0, 1);
        String filler = orc == null ? null : orc.get(3, 0, 1);
        return placer != null ? placer : filler != null ? filler : run.ctx.messageId() + "/" + item.location();
    }

    private static MedicationRecorded.Builder common(Hl7Segment orc, Hl7Segment rxr, MedicationKind kind) {
        return MedicationRecorded.newBuilder().setKind(kind)
                .setRoute(rxr == null ? null : Hl7Values.concept(rxr, 1))
                .setAuthoredOn(orc == null ? null : Hl7Time.instant(orc.get(9)))
                .setPrescriber(orc == null ? null : Hl7Values.author(orc, 12))
                .setIntent("order");
    }

    private static void prescribed(Hl7Run run, Hl7Segment rxe, Hl7Segment orc, Hl7Segment rxr) {
        String control = orc == null ? null : orc.get(1);
        MedicationRecorded payload = common(orc, rxr, MedicationKind.PRESCRIBED)
                .setMedication(Hl7Values.conceptOrEmpty(rxe, 2))
                .setStatus("CA".equals(control) || "OC".equals(control) ? "cancelled" : "DC".equals(control) ? "stopped" : "active")
                .setDoseQuantity(Hl7Values.quantity(rxe.get(3), rxe.get(5, 0, 1)))
                .setDosageText(rxe.get(7, 0, 2) != null ? rxe.get(7, 0, 2) : rxe.get(7, 0, 1))
                .setQuantity(Hl7Values.quantity(rxe.get(10), rxe.get(11, 0, 1)))
                .build();
        run.add(run.envelope(run.unique("MedicationRequest/" + orderKey(run, orc, rxe)), "MedicationRequest", payload.getPrescriber())
                .setOccurredAt(payload.getAuthoredOn()).setPayload(payload).build(), rxe, orc, rxr);
    }

    private static void dispensed(Hl7Run run, Hl7Segment rxd, Hl7Segment orc, Hl7Segment rxr) {
        MedicationRecorded payload = common(orc, rxr, MedicationKind.DISPENSED)
                .setMedication(Hl7Values.conceptOrEmpty(rxd, 2))
                .setStatus("completed")
                .setQuantity(Hl7Values.quantity(rxd.get(4), rxd.get(5, 0, 1)))
                .build();
        String key = orderKey(run, orc, rxd) + (rxd.get(7) != null ? "/" + rxd.get(7) : "");
        run.add(run.envelope(run.unique("MedicationDispense/" + key), "MedicationDispense", Hl7Values.author(rxd, 10))
                .setOccurredAt(Hl7Time.instant(rxd.get(3))).setPayload(payload).build(), rxd, orc, rxr);
    }

    private static void administered(Hl7Run run, Hl7Segment rxa, Hl7Segment orc, Hl7Segment rxr) {
        MedicationRecorded payload = common(orc, rxr, MedicationKind.ADMINISTERED)
                .setMedication(Hl7Values.conceptOrEmpty(rxa, 5))
                .setStatus(rxa.get(20) == null || "CP".equals(rxa.get(20)) ? "completed" : "not-done")
                .setDoseQuantity(Hl7Values.quantity(rxa.get(6), rxa.get(7, 0, 1)))
                .build();
        run.add(run.envelope(run.unique("MedicationAdministration/" + orderKey(run, orc, rxa) + "/" + rxa.location()),
                "MedicationAdministration", Hl7Values.author(rxa, 10))
                .setOccurredAt(Hl7Time.instant(rxa.get(3))).setPayload(payload).build(), rxa, orc, rxr);
    }
}

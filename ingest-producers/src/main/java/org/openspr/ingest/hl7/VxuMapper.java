package org.openspr.ingest.hl7;

import java.util.ArrayList;
import java.util.List;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.ImmunisationRecorded;
import org.openspr.events.avro.ObservationKind;

/** VXU^V04: each RXA (with the RXR after it) → ImmunisationRecorded; OBX after it → observations about the dose. */
final class VxuMapper {
    private VxuMapper() {
    }

    static void map(Hl7Run run) {
        Hl7Segment orc = null;
        Hl7Segment rxa = null;
        String key = null;
        List<Hl7Segment> pending = new ArrayList<>();
        for (Hl7Segment s : run.segments) {
            switch (s.name()) {
                case "ORC" -> orc = s;
                case "RXA" -> {
                    flush(run, rxa, pending, key);
                    rxa = s;
                    pending = new ArrayList<>();
                    String filler = orc == null ? null : orc.get(3, 0, 1);
                    key = filler != null ? filler : run.ctx.messageId() + "/" + s.location();
                }
                case "RXR" -> pending.add(s);
                case "OBX" -> {
                    ClinicalEvent obs = ObxMapper.map(run, s, List.of(), key != null ? key : run.ctx.messageId(), null, null,
                            ObservationKind.OTHER);
                    run.add(obs, s);
                }
                default -> { }
            }
        }
        flush(run, rxa, pending, key);
    }

    private static void flush(Hl7Run run, Hl7Segment rxa, List<Hl7Segment> rxrs, String key) {
        if (rxa == null) {
            return;
        }
        Hl7Segment rxr = rxrs.isEmpty() ? null : rxrs.get(0);
        String completion = rxa.get(20);
        ImmunisationRecorded payload = ImmunisationRecorded.newBuilder()
                .setVaccine(Hl7Values.conceptOrEmpty(rxa, 5))
                .setStatus(completion == null || completion.equals("CP") || completion.equals("PA") ? "completed" : "not-done")
                .setOccurrence(Hl7Time.instant(rxa.get(3)))
                .setLotNumber(rxa.get(15))
                .setRoute(rxr == null ? null : Hl7Values.concept(rxr, 1))
                .setSite(rxr == null ? null : Hl7Values.concept(rxr, 2))
                .setPerformer(Hl7Values.author(rxa, 10))
                .setReasonNotGiven(Hl7Values.concept(rxa, 18))
                .setPrimarySource(rxa.get(9) == null ? null : "00".equals(rxa.get(9)))
                .build();
        List<Hl7Segment> from = new ArrayList<>(rxrs);
        from.add(rxa);
        run.add(run.envelope(run.unique("Immunization/" + key), "Immunization", payload.getPerformer())
                .setOccurredAt(payload.getOccurrence()).setPayload(payload).build(), from.toArray(Hl7Segment[]::new));
    }
}

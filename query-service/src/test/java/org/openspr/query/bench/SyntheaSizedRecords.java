package org.openspr.query.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openspr.events.avro.Attachment;
import org.openspr.events.avro.DocumentRecorded;
import org.openspr.events.avro.ImmunisationRecorded;
import org.openspr.events.avro.Period;
import org.openspr.events.avro.ProcedureRecorded;
import org.openspr.query.core.RecordEntry;
import org.openspr.query.core.Section;
import org.openspr.query.testing.TestRecords;

/**
 * Generated records the size of a Synthea R4 patient after mapping (the 79 sample bundles average 286 entries, half of
 * them observations; clinical notes carried as text): 300 items per patient, and an $everything bundle of about 600 KB.
 * Each patient has its own valid NHS number and is registered at the benchmark clinician's practice.
 */
final class SyntheaSizedRecords {
    static final String PRACTICE = "A81001";
    private static final String NOTE_LINE = "Patient seen for review. History reviewed, medications reconciled, observations recorded. "
            + "Plan discussed and agreed; safety-netting advice given; follow up in primary care as required.\n";

    private SyntheaSizedRecords() {
    }

    /** {@code count} patients with valid NHS numbers starting at 9000000000 + offset. */
    static List<String> nhsNumbers(int count) {
        List<String> numbers = new ArrayList<>();
        for (long base = 900_000_001L; numbers.size() < count; base++) {
            String nine = Long.toString(base);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (nine.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                numbers.add(nine + check);
            }
        }
        return numbers;
    }

    static List<RecordEntry> patient(String nhsNumber) {
        Instant now = TestRecords.NOW;
        TestRecords builder = TestRecords.patient(nhsNumber).registeredAt(PRACTICE);
        for (int i = 0; i < 40; i++) {
            Instant start = now.minusSeconds(86_400L * (20 + i * 90));
            builder.encounter(i % 3 == 0 ? "RXX01" : PRACTICE, "finished", start, start.plusSeconds(1800));
        }
        for (int i = 0; i < 155; i++) {
            builder.observation("2339" + (1000 + i % 40), "Observation " + i % 40, String.valueOf(4 + i % 7) + "." + i % 10,
                    "mmol/L", now.minusSeconds(86_400L * (20 + (i / 5) * 90)));
        }
        for (int i = 0; i < 12; i++) {
            builder.condition("4405500" + (10 + i), "Condition " + i);
        }
        for (int i = 0; i < 15; i++) {
            builder.medication("3184750" + (10 + i), "Medication " + i + " 5mg tablets");
        }
        builder.allergy("91936005", "Allergy to penicillin").allergy("300913006", "Shellfish allergy");
        for (int i = 0; i < 25; i++) {
            Instant at = now.minusSeconds(86_400L * (40 + i * 120));
            builder.add(Section.PROCEDURES, "RXX01", at, ProcedureRecorded.newBuilder()
                    .setCode(TestRecords.concept("7107000" + (10 + i), "Procedure " + i)).setStatus("completed")
                    .setPerformed(new Period(at, at.plusSeconds(2700))).setPerformer(null).setBodySites(List.of())
                    .setReasons(List.of()).setOutcome(null).setNotes(List.of()).build());
        }
        for (int i = 0; i < 15; i++) {
            Instant at = now.minusSeconds(86_400L * (60 + i * 365));
            builder.add(Section.IMMUNISATIONS, PRACTICE, at, ImmunisationRecorded.newBuilder()
                    .setVaccine(TestRecords.concept("1324681000000101", "Influenza vaccine")).setStatus("completed")
                    .setOccurrence(at).setLotNumber("LOT" + i).setSite(null).setRoute(null).setDoseNumber("1")
                    .setTargetDiseases(List.of()).setPerformer(null).setReasonNotGiven(null).setPrimarySource(true).build());
        }
        String note = NOTE_LINE.repeat(48); // ≈ 9 KB of text, ≈ 12 KB once base64 in the bundle
        for (int i = 0; i < 35; i++) {
            Instant at = now.minusSeconds(86_400L * (20 + i * 90));
            builder.add(Section.DOCUMENTS, PRACTICE, at, DocumentRecorded.newBuilder()
                    .setType(TestRecords.concept("371530004", "Clinical consultation report")).setCategories(List.of())
                    .setTitle("Consultation note " + i).setStatus("final").setDate(at).setAuthor(null).setCustodian(PRACTICE)
                    .setDescription(null).setContents(List.of(new Attachment("text/plain", null, "Consultation note", null, null,
                            note))).build());
        }
        return builder.build().entries();
    }
}

package org.openspr.ingest.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openspr.events.avro.ChangeKind;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.DemographicsRecorded;
import org.openspr.events.avro.DiagnosticReportRecorded;
import org.openspr.events.avro.DocumentRecorded;
import org.openspr.events.avro.EncounterKind;
import org.openspr.events.avro.EncounterRecorded;
import org.openspr.events.avro.ImmunisationRecorded;
import org.openspr.events.avro.LocalIdentifiersMerged;
import org.openspr.events.avro.MedicationRecorded;
import org.openspr.events.avro.NhsNumberLinked;
import org.openspr.events.avro.ObservationRecorded;
import org.openspr.events.avro.PatientsMerged;
import org.openspr.ingest.map.ItemOutcome;
import org.openspr.ingest.map.MappedMessage;
import org.openspr.ingest.map.SourceDefaults;
import org.openspr.ingest.support.Fixtures;

class Hl7IngestorTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final Hl7Ingestor ingestor = new Hl7Ingestor(new SourceDefaults("mllp-test", "X26"), false);

    private MappedMessage ingest(String fixture) {
        MappedMessage mapped = ingestor.ingest(Fixtures.bytes(fixture), NOW).mapped();
        assertThat(mapped.outcomes()).as("every segment accounted for").hasSize(segmentCount(fixture));
        return mapped;
    }

    private static int segmentCount(String fixture) {
        String text = Fixtures.text(fixture).replace("\r\n", "\r").replace('\n', '\r');
        return (int) java.util.Arrays.stream(text.split("\r")).filter(l -> !l.isBlank()).count();
    }

    private static <T> List<T> payloads(MappedMessage m, Class<T> type) {
        return m.clinicalEvents().stream().map(ClinicalEvent::getPayload).filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void shouldMapAnAdmissionWithNhsNumberEscapesAndRepeats() {
        MappedMessage m = ingest("uk/adt_a01_nhs_escapes.hl7");

        assertThat(m.rejected()).as(String.valueOf(m.rejection())).isFalse();
        assertThat(m.clinicalEvents()).allSatisfy(e -> assertThat(e.getPatient().getNhsNumber()).isEqualTo("9990000018"));
        DemographicsRecorded demographics = payloads(m, DemographicsRecorded.class).get(0);
        assertThat(demographics.getNames()).hasSize(2);
        assertThat(demographics.getNames().get(0).getFamily()).isEqualTo("O^BRIEN-SMITH");
        assertThat(demographics.getTelecoms()).extracting(t -> t.getValue()).contains("siobhan@example.org");
        assertThat(demographics.getRegisteredGpPractice()).isEqualTo("B86001");
        EncounterRecorded encounter = payloads(m, EncounterRecorded.class).get(0);
        assertThat(encounter.getKind()).isEqualTo(EncounterKind.ADMISSION);
        assertThat(encounter.getVisitNumber()).isEqualTo("V0001");
        assertThat(encounter.getReasons().get(0).getCodings().get(0).getDisplay()).isEqualTo("Chest pain & breathlessness");
        assertThat(payloads(m, org.openspr.events.avro.AllergyRecorded.class)).hasSize(1);
        assertThat(payloads(m, org.openspr.events.avro.ConditionRecorded.class)).hasSize(1);
        assertThat(m.identityEvents()).singleElement().satisfies(e ->
                assertThat(((NhsNumberLinked) e.getChange()).getBasis()).isEqualTo("SOURCE_ASSERTED"));
        assertThat(m.clinicalEvents().get(0).getVersionedAt()).isEqualTo(Instant.parse("2026-03-01T10:15:00Z"));
    }

    @Test
    void shouldTakeTheSendingFacilitysFirstComponentAndFallBackWhenItIsEmpty() {
        String message = Fixtures.text("uk/adt_a01_nhs_escapes.hl7");
        byte[] componentOnly = message.replaceFirst("\\|PAS\\|RX1\\|", "|PAS|^|").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] withNamespace = message.replaceFirst("\\|PAS\\|RX1\\|", "|PAS|RX1^2.16.840.1.113883.2.1.3.2.4.18.48^ISO|")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        MappedMessage fallback = ingestor.ingest(componentOnly, NOW).mapped();
        MappedMessage first = ingestor.ingest(withNamespace, NOW).mapped();

        assertThat(fallback.rejected()).as(String.valueOf(fallback.rejection())).isFalse();
        assertThat(fallback.clinicalEvents()).allSatisfy(e -> assertThat(e.getSource().getOdsCode()).isEqualTo("X26"));
        assertThat(first.clinicalEvents()).allSatisfy(e -> assertThat(e.getSource().getOdsCode()).isEqualTo("RX1"));
    }

    @Test
    void shouldMarkAnUpdateAsAmended() {
        MappedMessage m = ingest("uk/adt_a08_update.hl7");

        assertThat(m.clinicalEvents()).extracting(ClinicalEvent::getChange).containsOnly(ChangeKind.AMENDED);
    }

    @Test
    void shouldRejectAnNhsNumberWithAWrongCheckDigitNamingTheNumberAndTheRule() {
        MappedMessage m = ingest("uk/adt_a01_bad_check_digit.hl7");

        assertThat(m.rejected()).isTrue();
        assertThat(m.rejection().getMessage()).startsWith("SPR-1203").contains("9990000027").contains("Modulus 11");
        assertThat(m.rejection().location()).isEqualTo("PID-3(2)");
        assertThat(m.outcomes()).allMatch(o -> o.status() == ItemOutcome.Status.REJECTED);
    }

    @Test
    void shouldRejectTheSimulatorsInvalidNhsNumber() {
        MappedMessage m = ingest("hl7v2/edge-cases/adt_a01_002_invalid-nhs-number.hl7");

        assertThat(m.rejection().getMessage()).startsWith("SPR-1203").contains("2278322867");
    }

    @Test
    void shouldPublishMergesForEveryPidMrgPair() {
        MappedMessage m = ingest("uk/adt_a40_two_pairs.hl7");

        assertThat(m.rejected()).isFalse();
        assertThat(m.identityEvents()).extracting(e -> e.getChange().getClass().getSimpleName())
                .contains("PatientsMerged", "LocalIdentifiersMerged", "NhsNumberLinked");
        PatientsMerged merge = m.identityEvents().stream().map(e -> e.getChange()).filter(PatientsMerged.class::isInstance)
                .map(PatientsMerged.class::cast).findFirst().orElseThrow();
        assertThat(merge.getSupersededNhsNumber()).isEqualTo("9990000042");
        assertThat(merge.getSurvivingNhsNumber()).isEqualTo("9990000034");
        assertThat(m.identityEvents().stream().map(e -> e.getChange()).filter(LocalIdentifiersMerged.class::isInstance)
                .map(c -> ((LocalIdentifiersMerged) c).getSuperseded().getValue())).contains("RX1-000201", "RX1-000301");
    }

    @Test
    void shouldMapTheSharedV28MergeWithTwoPairs() {
        MappedMessage m = ingest("hl7v2/edge-cases/adt_a40_001_two-merges-one-message.hl7");

        assertThat(m.identityEvents()).hasSize(2).allSatisfy(e -> assertThat(e.getChange()).isInstanceOf(LocalIdentifiersMerged.class));
    }

    @Test
    void shouldMapResultsWithValuesUnitsRangesFlagsAndComments() {
        MappedMessage m = ingest("uk/oru_r01_two_orders.hl7");

        assertThat(m.rejected()).as(String.valueOf(m.rejection())).isFalse();
        List<DiagnosticReportRecorded> reports = payloads(m, DiagnosticReportRecorded.class);
        assertThat(reports).hasSize(2);
        assertThat(reports.get(0).getResultItemIds()).hasSize(3);
        assertThat(reports.get(0).getConclusion()).isEqualTo("Sample slightly haemolysed");
        List<ObservationRecorded> obs = payloads(m, ObservationRecorded.class);
        ObservationRecorded urea = obs.get(0);
        assertThat(urea.getValue().getQuantity().getValue()).isEqualTo("8.1");
        assertThat(urea.getValue().getQuantity().getUnit()).isEqualTo("mmol/L");
        assertThat(urea.getReferenceRanges().get(0).getLow().getValue()).isEqualTo("2.5");
        assertThat(urea.getReferenceRanges().get(0).getHigh().getValue()).isEqualTo("7.8");
        assertThat(urea.getInterpretations().get(0).getCodings().get(0).getCode()).isEqualTo("H");
        assertThat(urea.getNotes()).containsExactly("Repeat in 2 weeks", "Discussed with GP");
        assertThat(obs.get(1).getReferenceRanges().get(0).getHigh().getValue()).isEqualTo("92");
        assertThat(obs.get(2).getValue().getQuantity().getComparator()).isEqualTo(">");
        assertThat(obs.get(3).getValue().getConcept().getCodings().get(0).getCode()).isEqualTo("112283007");
        assertThat(obs.get(5).getValue().getText()).isEqualTo("Line one\nLine two");
        assertThat(m.clinicalEvents().stream().filter(e -> e.getPayload() == obs.get(5)).findFirst().orElseThrow().getChange())
                .isEqualTo(ChangeKind.AMENDED);
        assertThat(m.count(ItemOutcome.Status.NOT_RECORDED)).isEqualTo(4); // MSH, PV1, 2 x ORC
    }

    @Test
    void shouldParseCustomDelimiters() {
        MappedMessage m = ingest("uk/oru_custom_delimiters.hl7");

        assertThat(m.rejected()).as(String.valueOf(m.rejection())).isFalse();
        assertThat(payloads(m, ObservationRecorded.class).get(0).getValue().getQuantity().getValue()).isEqualTo("135");
        assertThat(m.clinicalEvents().get(0).getPatient().getNhsNumber()).isEqualTo("9990000018");
    }

    @Test
    void shouldMapAnImmunisationMessageStartingWithAByteOrderMark() {
        MappedMessage m = ingest("uk/vxu_v04_bom_uk.hl7");

        ImmunisationRecorded imm = payloads(m, ImmunisationRecorded.class).get(0);
        assertThat(imm.getLotNumber()).isEqualTo("LOT123");
        assertThat(imm.getRoute().getCodings().get(0).getCode()).isEqualTo("IM");
        assertThat(imm.getStatus()).isEqualTo("completed");
        assertThat(ingest("hl7v2/edge-cases/vxu_v04_001_utf8-bom.hl7").rejected()).isFalse();
    }

    @Test
    void shouldMapADocument() {
        MappedMessage m = ingest("uk/mdm_t02_uk.hl7");

        DocumentRecorded doc = payloads(m, DocumentRecorded.class).get(0);
        assertThat(doc.getContents().get(0).getInlineText()).isEqualTo("Admitted with chest pain.\nDischarged home & well.");
        assertThat(doc.getAuthor().getName()).contains("Jones");
        assertThat(ingest("hl7v2/mdm_t02_001.hl7").clinicalEvents()).hasSize(1);
        assertThat(ingest("hl7v2/mdm_t02_002.hl7").rejected()).isFalse();
    }

    @Test
    void shouldMapPharmacyOrdersAndDispenses() {
        assertThat(payloads(ingest("hl7v2/rde_o11_001.hl7"), MedicationRecorded.class)).isNotEmpty();
        assertThat(payloads(ingest("hl7v2/rds_o13_001.hl7"), MedicationRecorded.class)).isNotEmpty();
    }

    @Test
    void shouldRejectAnUnsupportedMessageType() {
        MappedMessage m = ingest("uk/siu_unsupported.hl7");

        assertThat(m.rejection().getMessage()).startsWith("SPR-2202").contains("SIU^S12");
    }

    @Test
    void shouldGiveTheSameEventIdsWhenAMessageIsResent() {
        List<String> first = ingest("hl7v2/oru_r01_012.hl7").clinicalEvents().stream().map(ClinicalEvent::getEventId).toList();
        List<String> again = ingest("hl7v2/oru_r01_012.hl7").clinicalEvents().stream().map(ClinicalEvent::getEventId).toList();

        assertThat(again).isEqualTo(first).doesNotHaveDuplicates();
    }

    @Test
    void shouldMapEverySharedSample() {
        for (String f : List.of("adt_a01_004", "adt_a28_002", "adt_a31_002", "adt_a34_001", "oru_r01_011", "oru_r01_012")) {
            MappedMessage m = ingest("hl7v2/" + f + ".hl7");
            assertThat(m.rejected()).as(f + " " + m.rejection()).isFalse();
        }
        assertThat(ingest("hl7v2/edge-cases/oru_r01_008_escape-T-and-ED.hl7").rejected()).isFalse();
    }
}

package org.openspr.projector.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openspr.projector.testing.Events.allergy;
import static org.openspr.projector.testing.Events.condition;
import static org.openspr.projector.testing.Events.enteredInError;
import static org.openspr.projector.testing.Events.medication;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openspr.events.avro.AllergyRecorded;
import org.openspr.events.avro.ChangeKind;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.ItemSource;
import org.openspr.events.avro.RecordItem;
import org.openspr.events.avro.RecordSection;
import org.openspr.events.nhs.NhsNumber;
import org.openspr.projector.testing.AvroBytes;
import org.openspr.projector.testing.Events;
import org.openspr.projector.testing.ProjectorTestDriver;

class RecordRulesTest {
    private static final String NHS = NhsNumber.testNumber(2);
    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant T3 = Instant.parse("2026-03-03T10:00:00Z");
    private final ProjectorTestDriver projector = new ProjectorTestDriver();

    @AfterEach
    void close() {
        projector.close();
    }

    @Test
    void shouldChangeNothingWhenTheSameEventArrivesTwice() {
        Events.Builder event = allergy("a1", "91936005", "active").nhs(NHS);
        projector.send(event);
        List<?> first = projector.changes();

        projector.send(event);

        assertThat(first).hasSize(1);
        assertThat(projector.changes()).isEmpty();
        assertThat(onlyItem(RecordSection.ALLERGIES).getHistory()).hasSize(1);
    }

    @Test
    void shouldKeepTheNewestVersionWhateverTheArrivalOrder() {
        projector.send(allergy("a1", "91936005", "resolved").nhs(NHS).version("2", T2))
                .send(allergy("a1", "91936005", "active").nhs(NHS).version("1", T1));

        RecordItem item = onlyItem(RecordSection.ALLERGIES);
        assertThat(status(item.getCurrent())).isEqualTo("resolved");
        assertThat(item.getHistory()).extracting(ClinicalEvent::getSourceVersion).containsExactly("1", "2");
    }

    @Test
    void shouldBreakTiesOnVersionedAtWithTheSourceVersion() {
        projector.send(allergy("a1", "91936005", "resolved").nhs(NHS).version("10", T1))
                .send(allergy("a1", "91936005", "active").nhs(NHS).version("9", T1));

        assertThat(status(onlyItem(RecordSection.ALLERGIES).getCurrent())).isEqualTo("resolved");
    }

    @Test
    void shouldReplaceAnItemWithItsAmendment() {
        projector.send(condition("c1", "38341003", "active").nhs(NHS).version("1", T1))
                .send(condition("c1", "38341003", "resolved").nhs(NHS).version("2", T2).change(ChangeKind.AMENDED));

        PatientRecord record = projector.reader().read(NHS, RecordQuery.all());
        assertThat(record.activeProblems()).isEmpty();
        assertThat(record.resolvedProblems()).singleElement()
                .satisfies(item -> assertThat(item.getCurrent().getChange()).isEqualTo(ChangeKind.AMENDED));
    }

    @Test
    void shouldRemoveAnEnteredInErrorItemFromTheViewButKeepItsHistory() {
        projector.send(medication("m1", "322236009", "active").nhs(NHS).version("1", T1))
                .send(enteredInError("m1", "MedicationRecorded").nhs(NHS).version("2", T2));

        assertThat(projector.reader().read(NHS, RecordQuery.all()).section(RecordSection.MEDICATIONS)).isEmpty();
        RecordItem withdrawn = projector.reader().read(NHS, RecordQuery.all().withEnteredInError()).section(RecordSection.MEDICATIONS).get(0);
        assertThat(withdrawn.getEnteredInError()).isTrue();
        assertThat(withdrawn.getCurrent()).isNull();
        assertThat(withdrawn.getHistory()).extracting(ClinicalEvent::getChange)
                .containsExactly(ChangeKind.RECORDED, ChangeKind.ENTERED_IN_ERROR);
    }

    @Test
    void shouldWithdrawAnItemEvenWhenTheWithdrawalArrivesFirst() {
        projector.send(enteredInError("m1", "MedicationRecorded").nhs(NHS).version("2", T2))
                .send(medication("m1", "322236009", "active").nhs(NHS).version("1", T1));

        assertThat(projector.reader().read(NHS, RecordQuery.all()).section(RecordSection.MEDICATIONS)).isEmpty();
    }

    @Test
    void shouldWithdrawAnItemWhoseWithdrawalNamesItsFhirResourceType() {
        projector.send(allergy("a1", "91936005", "active").nhs(NHS).version("1", T1))
                .send(enteredInError("a1", "AllergyIntolerance").nhs(NHS).version("2", T2));

        assertThat(projector.reader().read(NHS, RecordQuery.all()).section(RecordSection.ALLERGIES)).isEmpty();
        assertThat(projector.reader().read(NHS, RecordQuery.all().withEnteredInError()).section(RecordSection.ALLERGIES))
                .singleElement().satisfies(item -> assertThat(item.getEnteredInError()).isTrue());
    }

    @Test
    void shouldIndexOnlySourcesFoldedIntoAnotherSourcesItemAndStillFindEveryOne() {
        projector.send(allergy("trust-a1", "91936005", "active").nhs(NHS).from("RX1", "EPR").version("1", T1))
                .send(allergy("gp-77", "91936005", "active").nhs(NHS).from("B86001", "GPSYS").version("1", T1));
        String canonical = onlyItem(RecordSection.ALLERGIES).getItemId();

        try (var index = projector.driver().<String, String>getKeyValueStore(RecordStores.ITEM_INDEX).all()) {
            List<String> indexed = new java.util.ArrayList<>();
            index.forEachRemaining(entry -> indexed.add(entry.key));
            assertThat(indexed).as("only the source whose item is the other's").hasSize(1)
                    .allSatisfy(key -> assertThat(key).doesNotEndWith(canonical));
        }
        projector.send(allergy("trust-a1", "91936005", "resolved").nhs(NHS).from("RX1", "EPR").version("2", T2))
                .send(allergy("gp-77", "91936005", "resolved").nhs(NHS).from("B86001", "GPSYS").version("2", T2));

        RecordItem item = onlyItem(RecordSection.ALLERGIES);
        assertThat(item.getItemId()).isEqualTo(canonical);
        assertThat(item.getSources()).extracting(source -> status(source.getLatest())).containsExactly("resolved", "resolved");
        assertThat(item.getConflict()).isFalse();
    }

    @Test
    void shouldWithdrawAnItemWhenAWithdrawalNamingItsFhirResourceTypeArrivesFirst() {
        projector.send(enteredInError("o1", "Observation").nhs(NHS).version("2", T2))
                .send(enteredInError("m2", "MedicationRequest").nhs(NHS).version("2", T2))
                .send(medication("m2", "322236009", "active").nhs(NHS).version("1", T1));

        assertThat(projector.deadLetters().count()).isZero();
        PatientRecord record = projector.reader().read(NHS, RecordQuery.all().withEnteredInError());
        assertThat(record.section(RecordSection.RESULTS)).singleElement().satisfies(item -> assertThat(item.getEnteredInError()).isTrue());
        assertThat(record.section(RecordSection.MEDICATIONS)).singleElement().satisfies(item -> assertThat(item.getEnteredInError()).isTrue());
    }

    @Test
    void shouldKeepProvenanceOfEveryItem() {
        projector.send(allergy("a1", "91936005", "active").nhs(NHS).from("RX1", "EPR").version("1", T1));

        ItemSource source = onlyItem(RecordSection.ALLERGIES).getSources().get(0);
        assertThat(source.getOdsCode()).isEqualTo("RX1");
        assertThat(source.getSystem()).isEqualTo("EPR");
        assertThat(source.getRecordedAt()).isEqualTo(T1.plusSeconds(60));
        assertThat(source.getLatest().getProvenance().getSourceMessageType()).isEqualTo("FHIR:transaction");
    }

    @Test
    void shouldShowTheSameFactFromTwoSourcesOnceWithBothSources() {
        projector.send(allergy("trust-a1", "91936005", "active").nhs(NHS).from("RX1", "EPR"))
                .send(allergy("gp-77", "91936005", "active").nhs(NHS).from("B86001", "GPSYS"));

        RecordItem item = onlyItem(RecordSection.ALLERGIES);
        assertThat(item.getSources()).extracting(ItemSource::getOdsCode).containsExactlyInAnyOrder("RX1", "B86001");
        assertThat(item.getConflict()).isFalse();
    }

    @Test
    void shouldFlagAContradictionBetweenSourcesAndKeepBothVersions() {
        projector.send(allergy("trust-a1", "91936005", "active").nhs(NHS).from("RX1", "EPR").version("1", T1))
                .send(allergy("other-a9", "91936005", "resolved").nhs(NHS).from("RTH", "PAS").version("1", T2));

        RecordItem item = onlyItem(RecordSection.ALLERGIES);
        assertThat(item.getConflict()).isTrue();
        assertThat(item.getSources()).extracting(s -> status(s.getLatest())).containsExactlyInAnyOrder("active", "resolved");
    }

    @Test
    void shouldNameAMergedItemTheSameWhicheverSourceArrivesFirst() {
        Events.Builder fromTrust = allergy("trust-a1", "91936005", "active").nhs(NHS).from("RX1", "EPR");
        Events.Builder fromGp = allergy("gp-77", "91936005", "active").nhs(NHS).from("B86001", "GPSYS");
        projector.send(fromTrust).send(fromGp);
        RecordItem oneOrder = onlyItem(RecordSection.ALLERGIES);

        try (ProjectorTestDriver other = new ProjectorTestDriver()) {
            other.send(fromGp).send(fromTrust);
            assertThat(AvroBytes.of(other.items().get(RecordKeys.item(NHS, RecordSection.ALLERGIES, oneOrder.getItemId())).item()))
                    .isEqualTo(AvroBytes.of(oneOrder));
        }
    }

    @Test
    void shouldCarrySensitivityLabelsWithTheItem() {
        projector.send(condition("c1", "35489007", "active").nhs(NHS).sensitive("PSY"));

        assertThat(onlyItem(RecordSection.PROBLEMS).getSensitivity()).extracting(c -> c.getCode()).containsExactly("PSY");
    }

    @Test
    void shouldGroupMedicationsIntoCurrentAndPast() {
        projector.send(medication("m1", "322236009", "active").nhs(NHS))
                .send(medication("m2", "317896006", "stopped").nhs(NHS));

        PatientRecord record = projector.reader().read(NHS, RecordQuery.sections(RecordSection.MEDICATIONS));
        assertThat(record.currentMedications()).hasSize(1);
        assertThat(record.pastMedications()).hasSize(1);
    }

    @Test
    void shouldReadTheTimelineForATimeRange() {
        projector.send(condition("c1", "38341003", "active").nhs(NHS))
                .send(medication("m1", "322236009", "active").nhs(NHS))
                .send(allergy("a1", "91936005", "active").nhs(NHS));
        Instant onset = Events.DAY;

        assertThat(projector.reader().timeline(NHS, RecordQuery.all().between(onset, onset))).hasSize(3);
        assertThat(projector.reader().timeline(NHS, RecordQuery.all().between(onset.plusSeconds(1), T3))).isEmpty();
        assertThat(projector.reader().timeline(NHS, RecordQuery.sections(RecordSection.ALLERGIES))).hasSize(1);
    }

    @Test
    void shouldSayTheRecordIsIncompleteWhileAnEventOfThePatientFailsToApply() {
        // An entered-in-error naming an entry type no section takes cannot be applied (SPR-3005).
        projector.send(enteredInError("x1", "UnknownRecorded").nhs(NHS))
                .send(allergy("a1", "91936005", "active").nhs(NHS));

        PatientRecord record = projector.reader().read(NHS, RecordQuery.all());
        assertThat(record.incomplete()).isTrue();
        assertThat(record.unappliedEvents().values()).singleElement().satisfies(reason -> assertThat(reason).startsWith("SPR-3005"));
        assertThat(record.section(RecordSection.ALLERGIES)).hasSize(1);
        assertThat(projector.deadLetters().count()).isEqualTo(1);
    }

    private RecordItem onlyItem(RecordSection section) {
        List<RecordItem> items = projector.reader().read(NHS, RecordQuery.all().withEnteredInError()).section(section);
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static String status(ClinicalEvent event) {
        return ((AllergyRecorded) event.getPayload()).getClinicalStatus();
    }
}

package org.openspr.projector.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openspr.projector.testing.Events.allergy;
import static org.openspr.projector.testing.Events.medication;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openspr.events.avro.RecordSection;
import org.openspr.events.nhs.NhsNumber;
import org.openspr.projector.testing.Events;
import org.openspr.projector.testing.ProjectorTestDriver;

class PatientMergeTest {
    private static final String OLD = NhsNumber.testNumber(3);
    private static final String SURVIVOR = NhsNumber.testNumber(4);
    private final ProjectorTestDriver projector = new ProjectorTestDriver();

    @AfterEach
    void close() {
        projector.close();
    }

    @Test
    void shouldAnswerASupersededNumberWithTheSurvivorsRecordAndSaySo() {
        projector.send(allergy("a1", "91936005", "active").nhs(OLD))
                .send(medication("m1", "322236009", "active").nhs(SURVIVOR));

        projector.identity(OLD, Events.merged(OLD, SURVIVOR));

        PatientRecord record = projector.reader().read(OLD, RecordQuery.all());
        assertThat(record.redirected()).isTrue();
        assertThat(record.nhsNumber()).isEqualTo(SURVIVOR);
        assertThat(record.mergedNhsNumbers()).containsExactly(OLD);
        assertThat(record.section(RecordSection.ALLERGIES)).hasSize(1);
        assertThat(record.section(RecordSection.MEDICATIONS)).hasSize(1);
    }

    @Test
    void shouldHandOverTheStoredItemsOfEveryMergedNumberInTheAskedSectionsOnly() {
        projector.send(allergy("a1", "91936005", "active").nhs(OLD))
                .send(allergy("a2", "300916003", "active").nhs(SURVIVOR))
                .send(medication("m1", "322236009", "active").nhs(SURVIVOR));
        projector.identity(OLD, Events.merged(OLD, SURVIVOR));
        java.util.List<String> seen = new java.util.ArrayList<>();

        RecordHeader few = projector.reader().visit(OLD, java.util.EnumSet.of(RecordSection.ALLERGIES),
                stored -> seen.add(stored.item().getNhsNumber() + " " + stored.item().getSection()));
        RecordHeader many = projector.reader().visit(SURVIVOR, java.util.EnumSet.complementOf(java.util.EnumSet.of(RecordSection.ALLERGIES)),
                stored -> seen.add(stored.item().getNhsNumber() + " " + stored.item().getSection()));

        // Survivor first, then the numbers merged into it; one section-prefix scan, then one patient-prefix scan.
        assertThat(seen).containsExactly(SURVIVOR + " ALLERGIES", OLD + " ALLERGIES", SURVIVOR + " MEDICATIONS");
        assertThat(few.redirected()).isTrue();
        assertThat(few.nhsNumber()).isEqualTo(SURVIVOR);
        assertThat(many.mergedNhsNumbers()).containsExactly(OLD);
    }

    @Test
    void shouldFoldTheSupersededRecordIntoTheSurvivors() {
        projector.send(allergy("a1", "91936005", "active").nhs(OLD));
        projector.identity(OLD, Events.merged(OLD, SURVIVOR));

        projector.send(medication("m2", "317896006", "active").nhs(OLD));

        PatientRecord record = projector.reader().read(SURVIVOR, RecordQuery.all());
        assertThat(record.redirected()).isFalse();
        assertThat(record.timeline()).hasSize(2);
    }

    @Test
    void shouldRestoreBothRecordsOnUnmerge() {
        projector.send(allergy("a1", "91936005", "active").nhs(OLD))
                .send(medication("m1", "322236009", "active").nhs(SURVIVOR));
        projector.identity(OLD, Events.merged(OLD, SURVIVOR));

        projector.identity(OLD, Events.unmerged(OLD, SURVIVOR));

        PatientRecord restored = projector.reader().read(OLD, RecordQuery.all());
        assertThat(restored.redirected()).isFalse();
        assertThat(restored.timeline()).hasSize(1);
        assertThat(projector.reader().read(SURVIVOR, RecordQuery.all()).timeline()).hasSize(1);
    }

    @Test
    void shouldFollowAChainOfMerges() {
        String third = NhsNumber.testNumber(5);
        projector.identity(OLD, Events.merged(OLD, SURVIVOR)).identity(SURVIVOR, Events.merged(SURVIVOR, third));

        assertThat(projector.reader().survivorOf(OLD)).isEqualTo(third);
        assertThat(projector.reader().read(third, RecordQuery.all()).mergedNhsNumbers()).containsExactly(OLD, SURVIVOR);
    }
}

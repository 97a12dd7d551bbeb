package org.openspr.projector.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openspr.projector.testing.Events.allergy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openspr.events.avro.RecordSection;
import org.openspr.events.nhs.NhsNumber;
import org.openspr.projector.testing.Events;
import org.openspr.projector.testing.ProjectorTestDriver;

class RecordExistenceTest {
    private static final String PATIENT = NhsNumber.testNumber(11);
    private static final String NEVER_SEEN = NhsNumber.testNumber(12);
    private static final String OLD = NhsNumber.testNumber(13);
    private static final String SURVIVOR = NhsNumber.testNumber(14);
    private final ProjectorTestDriver projector = new ProjectorTestDriver();

    @AfterEach
    void close() {
        projector.close();
    }

    @Test
    void shouldTellAnEmptySectionApartFromNoRecord() {
        projector.send(allergy("a1", "91936005", "active").nhs(PATIENT));

        List<StoredItem> results = new ArrayList<>();
        RecordHeader patient = projector.reader().visit(PATIENT, EnumSet.of(RecordSection.RESULTS), results::add);
        RecordHeader nobody = projector.reader().visit(NEVER_SEEN, EnumSet.allOf(RecordSection.class), results::add);

        assertThat(results).isEmpty();
        assertThat(projector.reader().hasItems(patient)).isTrue();
        assertThat(projector.reader().hasItems(nobody)).isFalse();
    }

    @Test
    void shouldFindARecordFiledOnlyUnderANumberMergedIntoTheSurvivor() {
        projector.send(allergy("a1", "91936005", "active").nhs(OLD));
        projector.identity(OLD, Events.merged(OLD, SURVIVOR));

        RecordHeader survivor = projector.reader().visit(SURVIVOR, EnumSet.of(RecordSection.RESULTS), item -> { });

        assertThat(survivor.mergedNhsNumbers()).containsExactly(OLD);
        assertThat(projector.reader().hasItems(survivor)).isTrue();
    }
}

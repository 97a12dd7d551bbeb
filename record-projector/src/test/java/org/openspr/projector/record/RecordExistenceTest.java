package org.openspr.projector.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openspr.projector.testing.Events.allergy;

import java.util.EnumSet;
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

        PatientRecord results = projector.reader().read(PATIENT, new RecordQuery(EnumSet.of(RecordSection.RESULTS), null, null, false));

        assertThat(results.timeline()).isEmpty();
        assertThat(projector.reader().exists(PATIENT)).isTrue();
        assertThat(projector.reader().exists(NEVER_SEEN)).isFalse();
    }

    @Test
    void shouldFindARecordFiledOnlyUnderANumberMergedIntoTheSurvivor() {
        projector.send(allergy("a1", "91936005", "active").nhs(OLD));
        projector.identity(OLD, Events.merged(OLD, SURVIVOR));

        assertThat(projector.reader().exists(SURVIVOR)).isTrue();
        assertThat(projector.reader().exists(OLD)).isTrue();
    }
}

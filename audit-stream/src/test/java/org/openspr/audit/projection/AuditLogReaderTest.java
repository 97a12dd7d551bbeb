package org.openspr.audit.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openspr.audit.ledger.SigningKeys;
import org.openspr.audit.support.AuditEvents;
import org.openspr.audit.support.TopologyHarness;
import org.openspr.events.avro.RecordAccessed;
import org.openspr.events.errors.SprException;

class AuditLogReaderTest {
    private TopologyHarness harness;
    private AuditLogReader reader;
    private final List<RecordAccessed> events = new ArrayList<>();

    @BeforeEach
    void start() {
        harness = TopologyHarness.withPolicy(SigningKeys.generate(), 1000);
        reader = new AuditLogReader(name -> harness.driver.getKeyValueStore(name));
        for (int i = 0; i < 40; i++) {
            RecordAccessed event = AuditEvents.read("U" + (i % 4), AuditEvents.nhsNumber(i % 3), AuditEvents.T0.plus(Duration.ofMinutes(i)))
                    .build();
            events.add(event);
            harness.pipe(event);
        }
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void shouldListAPatientsAccessesInTheWindowOldestFirst() {
        Instant from = AuditEvents.T0.plus(Duration.ofMinutes(9));
        Instant to = AuditEvents.T0.plus(Duration.ofMinutes(30));

        AccessLogPage page = reader.accessesToPatient(AuditEvents.nhsNumber(0), AccessLogQuery.first(from, to, 100, LogOrder.OLDEST_FIRST));
        List<RecordAccessed> found = page.entries();

        assertThat(page.nextAfter()).isNull();
        assertThat(found).containsExactlyElementsOf(events.stream().filter(e -> e.getPatientNhsNumber().equals(AuditEvents.nhsNumber(0)))
                .filter(e -> !e.getOccurredAt().isBefore(from) && e.getOccurredAt().isBefore(to)).toList());
        assertThat(found).extracting(e -> e.getOccurredAt().toString()).first().isEqualTo("2026-03-02T09:09:00Z");
    }

    @Test
    void shouldListAUsersAccessesInTheWindowUpToTheLimit() {
        AccessLogPage page = reader.accessesByUser("U1", AccessLogQuery.first(AuditEvents.T0, AuditEvents.T0.plus(Duration.ofHours(1)), 3,
                LogOrder.OLDEST_FIRST));

        assertThat(page.entries()).containsExactlyElementsOf(events.stream().filter(e -> e.getActor().getUserId().equals("U1")).limit(3).toList());
        assertThat(page.nextAfter()).as("more follow").isNotNull();
    }

    @Test
    void shouldListNewestFirst() {
        List<RecordAccessed> found = reader.accessesToPatient(AuditEvents.nhsNumber(1), AccessLogQuery.first(AuditEvents.T0,
                AuditEvents.T0.plus(Duration.ofHours(1)), 100, LogOrder.NEWEST_FIRST)).entries();

        List<RecordAccessed> expected = new ArrayList<>(events.stream().filter(e -> e.getPatientNhsNumber().equals(AuditEvents.nhsNumber(1))).toList());
        java.util.Collections.reverse(expected);
        assertThat(found).hasSize(13).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldPageThroughTheWindowInEitherOrderWithoutSkippingOrRepeatingAccessesOfTheSameMillisecond() {
        String patient = AuditEvents.nhsNumber(2);
        Instant sameMoment = AuditEvents.T0.plus(Duration.ofMinutes(20)).plusMillis(7);
        for (int i = 0; i < 5; i++) {
            RecordAccessed event = AuditEvents.read("U9", patient, sameMoment).build();
            events.add(event);
            harness.pipe(event);
        }
        Instant from = AuditEvents.T0.plus(Duration.ofMinutes(5));
        Instant to = AuditEvents.T0.plus(Duration.ofMinutes(35));

        for (LogOrder order : LogOrder.values()) {
            List<RecordAccessed> whole = reader.accessesToPatient(patient, AccessLogQuery.first(from, to, 1000, order)).entries();
            List<RecordAccessed> paged = new ArrayList<>();
            String after = null;
            int pages = 0;
            do {
                AccessLogPage page = reader.accessesToPatient(patient, new AccessLogQuery(from, to, 2, order, after));
                assertThat(page.entries()).hasSizeBetween(1, 2);
                paged.addAll(page.entries());
                after = page.nextAfter();
                pages++;
            } while (after != null);

            assertThat(whole).as(order.name()).hasSize(15); // 10 of the 40 fall in the window, and the 5 of one moment
            assertThat(paged).as(order.name()).containsExactlyElementsOf(whole);
            assertThat(pages).isEqualTo(8);
        }
    }

    @Test
    void shouldRejectACursorFromAnotherSubjectsLog() {
        String otherPatientsKey = AccessLogKeys.key(AuditEvents.nhsNumber(1), AuditEvents.T0, "a-1");

        assertThatThrownBy(() -> reader.accessesToPatient(AuditEvents.nhsNumber(0), new AccessLogQuery(AuditEvents.T0,
                AuditEvents.T0.plusSeconds(60), 10, LogOrder.NEWEST_FIRST, otherPatientsKey)))
                .isInstanceOf(SprException.class).hasMessageStartingWith("SPR-5203");
    }

    @Test
    void shouldSayTheStoreIsNotReadyWithItsCode() {
        AuditLogReader restoring = new AuditLogReader(name -> {
            throw new InvalidStateStoreException("rebalancing");
        });

        assertThatThrownBy(() -> restoring.accessesByUser("U1", AccessLogQuery.first(AuditEvents.T0, AuditEvents.T0.plusSeconds(1), 10,
                LogOrder.NEWEST_FIRST)))
                .isInstanceOf(SprException.class).hasMessageStartingWith("SPR-5201");
    }
}

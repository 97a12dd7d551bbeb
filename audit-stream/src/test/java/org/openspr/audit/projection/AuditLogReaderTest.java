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

        List<RecordAccessed> found = reader.accessesToPatient(AuditEvents.nhsNumber(0), from, to, 100);

        assertThat(found).containsExactlyElementsOf(events.stream().filter(e -> e.getPatientNhsNumber().equals(AuditEvents.nhsNumber(0)))
                .filter(e -> !e.getOccurredAt().isBefore(from) && e.getOccurredAt().isBefore(to)).toList());
        assertThat(found).extracting(e -> e.getOccurredAt().toString()).first().isEqualTo("2026-03-02T09:09:00Z");
    }

    @Test
    void shouldListAUsersAccessesInTheWindowUpToTheLimit() {
        List<RecordAccessed> found = reader.accessesByUser("U1", AuditEvents.T0, AuditEvents.T0.plus(Duration.ofHours(1)), 3);

        assertThat(found).containsExactlyElementsOf(events.stream().filter(e -> e.getActor().getUserId().equals("U1")).limit(3).toList());
    }

    @Test
    void shouldSayTheStoreIsNotReadyWithItsCode() {
        AuditLogReader restoring = new AuditLogReader(name -> {
            throw new InvalidStateStoreException("rebalancing");
        });

        assertThatThrownBy(() -> restoring.accessesByUser("U1", AuditEvents.T0, AuditEvents.T0.plusSeconds(1), 10))
                .isInstanceOf(SprException.class).hasMessageStartingWith("SPR-5201");
    }
}

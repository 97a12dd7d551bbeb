package org.openspr.audit.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openspr.audit.ledger.CheckpointPolicy;
import org.openspr.audit.ledger.SigningKeys;
import org.openspr.audit.support.AuditEvents;
import org.openspr.audit.support.TopologyHarness;
import org.openspr.events.avro.AccessBasis;
import org.openspr.events.avro.AccessOutcome;
import org.openspr.events.avro.AuditAlertRaised;
import org.openspr.events.avro.AuditAlertRule;
import org.openspr.events.avro.RecordAccessed;

class AlertRulesTest {
    private static final AlertRules RULES = new AlertRules(Duration.ofMinutes(10), 5, Duration.ofMinutes(5), 3, Set.of("R", "V"));
    private TopologyHarness harness;

    @BeforeEach
    void start() {
        harness = new TopologyHarness(SigningKeys.generate(), CheckpointPolicy.defaults(), RULES);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void shouldRaiseABreakGlassAlertNamingTheEvent() {
        RecordAccessed event = AuditEvents.read("U1", AuditEvents.nhsNumber(1), AuditEvents.T0)
                .setBasis(AccessBasis.BREAK_GLASS).setBreakGlassReason("unconscious in ED").build();
        harness.pipe(event);

        List<AuditAlertRaised> alerts = harness.alerts.readValuesToList();

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.getRule()).isEqualTo(AuditAlertRule.BREAK_GLASS);
            assertThat(alert.getAuditIds()).containsExactly(event.getAuditId());
            assertThat(alert.getUserId()).isEqualTo("U1");
            assertThat(alert.getSummary()).contains("unconscious in ED");
        });
    }

    @Test
    void shouldAlertOnSensitiveItemsReturnedButNotOnOtherLabelsOrDenials() {
        RecordAccessed restricted = AuditEvents.read("U1", AuditEvents.nhsNumber(1), AuditEvents.T0)
                .setSensitivityLabelsReturned(List.of("R")).build();
        harness.pipe(restricted);
        harness.pipe(AuditEvents.read("U1", AuditEvents.nhsNumber(2), AuditEvents.T0).setSensitivityLabelsReturned(List.of("N")).build());
        harness.pipe(AuditEvents.read("U1", AuditEvents.nhsNumber(3), AuditEvents.T0).setSensitivityLabelsReturned(List.of("V"))
                .setOutcome(AccessOutcome.DENIED).build());

        assertThat(harness.alerts.readValuesToList()).singleElement().satisfies(alert -> {
            assertThat(alert.getRule()).isEqualTo(AuditAlertRule.SENSITIVE_ACCESS);
            assertThat(alert.getAuditIds()).containsExactly(restricted.getAuditId());
            assertThat(alert.getPatientNhsNumber()).isEqualTo(AuditEvents.nhsNumber(1));
        });
    }

    @Test
    void shouldAlertWhenAUserReadsTooManyDistinctPatientsWithinTheWindow() {
        List<String> behind = new ArrayList<>();
        harness.pipe(AuditEvents.read("U2", AuditEvents.nhsNumber(0), AuditEvents.T0).build()); // falls out of the window
        for (int i = 1; i <= 5; i++) {
            RecordAccessed event = AuditEvents.read("U2", AuditEvents.nhsNumber(i), AuditEvents.T0.plus(Duration.ofMinutes(10 + i))).build();
            harness.pipe(event);
            behind.add(event.getAuditId());
            // Re-reading a patient already counted does not count twice.
            harness.pipe(AuditEvents.read("U2", AuditEvents.nhsNumber(i), AuditEvents.T0.plus(Duration.ofMinutes(10 + i)))
                    .setAuditId(event.getAuditId()).build());
        }

        List<AuditAlertRaised> alerts = harness.alerts.readValuesToList();

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.getRule()).isEqualTo(AuditAlertRule.UNUSUAL_VOLUME);
            assertThat(alert.getAuditIds()).containsExactlyElementsOf(behind);
            assertThat(alert.getWindowStart()).isEqualTo(AuditEvents.T0.plus(Duration.ofMinutes(11)));
            assertThat(alert.getSummary()).isEqualTo("U2 read 5 distinct patients within PT10M");
        });
    }

    @Test
    void shouldAlertOnRepeatedDenialsWithinTheWindowOnly() {
        List<String> behind = new ArrayList<>();
        harness.pipe(denied("U3", 0));
        harness.pipe(denied("U3", 1));
        for (int minute = 10; minute < 13; minute++) {
            RecordAccessed event = denied("U3", minute);
            harness.pipe(event);
            behind.add(event.getAuditId());
        }

        assertThat(harness.alerts.readValuesToList()).singleElement().satisfies(alert -> {
            assertThat(alert.getRule()).isEqualTo(AuditAlertRule.REPEATED_DENIALS);
            assertThat(alert.getAuditIds()).containsExactlyElementsOf(behind);
        });
    }

    private static RecordAccessed denied(String user, int minute) {
        return AuditEvents.read(user, AuditEvents.nhsNumber(minute), AuditEvents.T0.plus(Duration.ofMinutes(minute)))
                .setOutcome(AccessOutcome.DENIED).setBasis(AccessBasis.NONE).build();
    }
}

package org.openspr.audit.alerts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.openspr.events.avro.AuditAlertRaised;
import org.openspr.events.avro.AuditAlertRule;

/** Builds alerts; the id derives from rule and triggering event so reprocessing after a crash gives the same alert id. */
final class Alerts {
    private Alerts() {
    }

    static AuditAlertRaised alert(AuditAlertRule rule, String triggeringAuditId, Instant at, String userId, String patient,
            String summary, List<String> auditIds, Instant windowStart, Instant windowEnd) {
        String id = UUID.nameUUIDFromBytes((rule + ":" + triggeringAuditId).getBytes(StandardCharsets.UTF_8)).toString();
        return AuditAlertRaised.newBuilder()
                .setAlertId(id)
                .setRule(rule)
                .setRaisedAt(at)
                .setUserId(userId)
                .setPatientNhsNumber(patient)
                .setSummary(summary)
                .setAuditIds(auditIds)
                .setWindowStart(windowStart)
                .setWindowEnd(windowEnd)
                .build();
    }
}

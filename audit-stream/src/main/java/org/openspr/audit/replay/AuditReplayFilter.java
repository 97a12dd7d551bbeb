package org.openspr.audit.replay;

import java.time.Instant;
import org.openspr.events.avro.RecordAccessed;

/**
 * Which accesses {@code spr replay audit} prints: those to one patient or by one user (or all, if both are null)
 * with occurredAt in [from, to).
 */
public record AuditReplayFilter(String patientNhsNumber, String userId, Instant from, Instant to) {

    public static AuditReplayFilter patient(String nhsNumber, Instant from, Instant to) {
        return new AuditReplayFilter(nhsNumber, null, from, to);
    }

    public static AuditReplayFilter user(String userId, Instant from, Instant to) {
        return new AuditReplayFilter(null, userId, from, to);
    }

    public boolean matches(RecordAccessed event) {
        Instant at = event.getOccurredAt();
        return (patientNhsNumber == null || patientNhsNumber.equals(event.getPatientNhsNumber()))
                && (userId == null || userId.equals(event.getActor().getUserId()))
                && !at.isBefore(from) && at.isBefore(to);
    }
}

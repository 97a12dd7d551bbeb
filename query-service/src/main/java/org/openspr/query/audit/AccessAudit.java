package org.openspr.query.audit;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.openspr.events.avro.AccessOutcome;
import org.openspr.events.avro.AuditAction;
import org.openspr.events.avro.AuditActor;
import org.openspr.events.avro.RecordAccessed;
import org.openspr.query.core.AccessDecision;
import org.openspr.query.core.Caller;

/**
 * Turns access decisions into {@link RecordAccessed} events and writes them to the {@link AuditTrail}. One place
 * builds every audit event, so allowed, denied, break-glass and not-found reads are described the same way.
 */
public final class AccessAudit {
    private final AuditTrail trail;
    private final String observer;
    private final Clock clock;

    public AccessAudit(AuditTrail trail, String observer, Clock clock) {
        this.trail = trail;
        this.observer = observer;
        this.clock = clock;
    }

    /** What was asked and what is about to be released; {@code patientNhsNumber} is the record's own number. */
    public record Access(AuditAction action, String operation, String query, String requestedNhsNumber,
                         String patientNhsNumber, Collection<String> sections, int itemCount, int withheldCount,
                         Collection<String> labelsReturned) {

        public static Access of(AuditAction action, String operation, String query, String requestedNhsNumber) {
            return new Access(action, operation, query, requestedNhsNumber, requestedNhsNumber, List.of(), 0, 0, List.of());
        }
    }

    /** Writes the event and returns once it is acknowledged; throws a 503 QueryException otherwise. */
    public void record(Caller caller, AccessDecision decision, Access access) {
        trail.write(event(caller, decision, access));
    }

    RecordAccessed event(Caller caller, AccessDecision decision, Access access) {
        AuditActor actor = AuditActor.newBuilder().setUserId(caller.userId()).setDisplayName(caller.displayName())
                .setRoleCode(caller.roleCode()).setRoleName(decision.roleName()).setOdsCode(caller.odsCode())
                .setClientId(caller.clientId()).setClientAddress(null).setPatientSelf(caller.isPatient()).build();
        return RecordAccessed.newBuilder()
                .setAuditId(UUID.randomUUID().toString())
                .setRequestId(RequestIds.current())
                .setOccurredAt(clock.instant())
                .setActor(actor)
                .setObserver(observer)
                .setPatientNhsNumber(access.patientNhsNumber())
                .setRequestedNhsNumber(access.requestedNhsNumber())
                .setAction(access.action())
                .setOperation(access.operation())
                .setQuery(access.query())
                .setSections(List.copyOf(access.sections()))
                .setItemCount(access.itemCount())
                .setWithheldCount(access.withheldCount())
                .setSensitivityLabelsReturned(List.copyOf(access.labelsReturned()))
                .setPurposeOfUse(decision.purposeOfUse())
                .setBasis(decision.basis())
                .setBreakGlassReason(decision.breakGlassReason())
                .setOutcome(decision.outcome())
                .setOutcomeReason(decision.outcome() == AccessOutcome.PERMITTED ? null : decision.reason())
                .build();
    }
}

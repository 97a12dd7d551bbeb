package org.openspr.query.core;

import java.time.Instant;
import java.util.List;
import org.openspr.events.avro.AuditAction;
import org.openspr.events.avro.RecordAccessed;
import org.openspr.query.audit.AccessAudit;
import org.openspr.query.audit.AccessLog;

/** Reads of the access log (patients: their own; auditors: by patient or by user), decided and audited like records. */
public final class AccessLogService {
    private final AccessLog log;
    private final AccessPolicy policy;
    private final AccessAudit audit;

    public AccessLogService(AccessLog log, AccessPolicy policy, AccessAudit audit) {
        this.log = log;
        this.policy = policy;
        this.audit = audit;
    }

    public List<RecordAccessed> ownAccessLog(Caller caller, Instant from, Instant to, int limit) {
        AccessDecision decision = policy.decideOwnAccessLog(caller);
        String nhsNumber = caller.patientNhsNumber();
        check(caller, decision, AccessAudit.Access.of(AuditAction.ACCESS_LOG, "GET /v1/me/access-log", null, nhsNumber));
        List<RecordAccessed> entries = log.accessesToPatient(nhsNumber, from, to, limit);
        audit.record(caller, decision, AccessAudit.Access.of(AuditAction.ACCESS_LOG, "GET /v1/me/access-log", null, nhsNumber));
        return entries;
    }

    public List<RecordAccessed> accessesToPatient(Caller caller, String nhsNumber, Instant from, Instant to, int limit) {
        String valid = RecordService.validNhsNumber(nhsNumber);
        AccessDecision decision = policy.decideAudit(caller);
        AccessAudit.Access access = AccessAudit.Access.of(AuditAction.AUDIT_QUERY, "GET /v1/audit/patients", null, valid);
        check(caller, decision, access);
        List<RecordAccessed> entries = log.accessesToPatient(valid, from, to, limit);
        audit.record(caller, decision, access);
        return entries;
    }

    public List<RecordAccessed> accessesByUser(Caller caller, String userId, Instant from, Instant to, int limit) {
        AccessDecision decision = policy.decideAudit(caller);
        AccessAudit.Access access = AccessAudit.Access.of(AuditAction.AUDIT_QUERY, "GET /v1/audit/users", "userId=" + userId, null);
        check(caller, decision, access);
        List<RecordAccessed> entries = log.accessesByUser(userId, from, to, limit);
        audit.record(caller, decision, access);
        return entries;
    }

    // Denials are audited before they are thrown; permitted reads are audited after the read, before release.
    private void check(Caller caller, AccessDecision decision, AccessAudit.Access access) {
        if (!decision.permitted()) {
            audit.record(caller, decision, access);
            throw new DeniedException(decision);
        }
    }
}

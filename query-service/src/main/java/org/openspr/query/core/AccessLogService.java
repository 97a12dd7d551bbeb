package org.openspr.query.core;

import org.openspr.audit.projection.AccessLogPage;
import org.openspr.audit.projection.AccessLogQuery;
import org.openspr.events.avro.AuditAction;
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

    public AccessLogPage ownAccessLog(Caller caller, AccessLogQuery query) {
        AccessDecision decision = policy.decideOwnAccessLog(caller);
        String nhsNumber = caller.patientNhsNumber();
        check(caller, decision, AccessAudit.Access.of(AuditAction.ACCESS_LOG, "GET /v1/me/access-log", null, nhsNumber));
        AccessLogPage entries = log.accessesToPatient(nhsNumber, query);
        audit.record(caller, decision, AccessAudit.Access.of(AuditAction.ACCESS_LOG, "GET /v1/me/access-log", null, nhsNumber));
        return entries;
    }

    public AccessLogPage accessesToPatient(Caller caller, String nhsNumber, AccessLogQuery query) {
        String valid = RecordService.validNhsNumber(nhsNumber);
        AccessDecision decision = policy.decideAudit(caller);
        AccessAudit.Access access = AccessAudit.Access.of(AuditAction.AUDIT_QUERY, "GET /v1/audit/patients", null, valid);
        check(caller, decision, access);
        AccessLogPage entries = log.accessesToPatient(valid, query);
        audit.record(caller, decision, access);
        return entries;
    }

    public AccessLogPage accessesByUser(Caller caller, String userId, AccessLogQuery query) {
        AccessDecision decision = policy.decideAudit(caller);
        AccessAudit.Access access = AccessAudit.Access.of(AuditAction.AUDIT_QUERY, "GET /v1/audit/users", "userId=" + userId, null);
        check(caller, decision, access);
        AccessLogPage entries = log.accessesByUser(userId, query);
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

package org.openspr.query.audit;

import org.openspr.audit.projection.AccessLogPage;
import org.openspr.audit.projection.AccessLogQuery;
import org.openspr.query.QueryErrorCode;
import org.openspr.query.QueryException;

/**
 * Reads the access log (the audit stream's projection of the audit topic): who accessed a patient, what a user
 * accessed, a page at a time ({@link AccessLogQuery}). Bound to audit-stream's {@code AuditLogReader} where it runs.
 */
public interface AccessLog {
    AccessLogPage accessesToPatient(String nhsNumber, AccessLogQuery query);

    AccessLogPage accessesByUser(String userId, AccessLogQuery query);

    /** For a process without the audit projection: every read is a 503, never an empty (misleading) log. */
    static AccessLog unavailable() {
        return new AccessLog() {
            @Override
            public AccessLogPage accessesToPatient(String nhsNumber, AccessLogQuery query) {
                throw new QueryException(503, QueryErrorCode.ACCESS_LOG_UNAVAILABLE, "no access-log reader is bound");
            }

            @Override
            public AccessLogPage accessesByUser(String userId, AccessLogQuery query) {
                throw new QueryException(503, QueryErrorCode.ACCESS_LOG_UNAVAILABLE, "no access-log reader is bound");
            }
        };
    }
}

package org.openspr.query.audit;

import java.time.Instant;
import java.util.List;
import org.openspr.events.avro.RecordAccessed;
import org.openspr.query.QueryErrorCode;
import org.openspr.query.QueryException;

/**
 * Reads the access log (the audit stream's projection of the audit topic): who accessed a patient, what a user
 * accessed, oldest first, in [from, to). Bound to audit-stream's {@code AuditLogReader} where it runs.
 */
public interface AccessLog {
    List<RecordAccessed> accessesToPatient(String nhsNumber, Instant from, Instant to, int limit);

    List<RecordAccessed> accessesByUser(String userId, Instant from, Instant to, int limit);

    /** For a process without the audit projection: every read is a 503, never an empty (misleading) log. */
    static AccessLog unavailable() {
        return new AccessLog() {
            @Override
            public List<RecordAccessed> accessesToPatient(String nhsNumber, Instant from, Instant to, int limit) {
                throw new QueryException(503, QueryErrorCode.ACCESS_LOG_UNAVAILABLE, "no access-log reader is bound");
            }

            @Override
            public List<RecordAccessed> accessesByUser(String userId, Instant from, Instant to, int limit) {
                throw new QueryException(503, QueryErrorCode.ACCESS_LOG_UNAVAILABLE, "no access-log reader is bound");
            }
        };
    }
}

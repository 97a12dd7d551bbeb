package org.openspr.query.audit;

import java.util.function.Supplier;
import org.openspr.audit.AuditErrorCode;
import org.openspr.audit.projection.AccessLogPage;
import org.openspr.audit.projection.AccessLogQuery;
import org.openspr.audit.projection.AuditLogReader;
import org.openspr.events.errors.SprException;
import org.openspr.query.QueryErrorCode;
import org.openspr.query.QueryException;

/**
 * The access log read from access-log stores: the audit stream's own in {@code spr local}, or this instance's replica
 * of them ({@code AccessLogReplica}) in a standalone deployment. Stores not queryable yet (restoring, catching up)
 * are a 503 with Retry-After, never an empty log.
 */
public final class ReaderAccessLog implements AccessLog {
    private final AuditLogReader reader;

    public ReaderAccessLog(AuditLogReader reader) {
        this.reader = reader;
    }

    @Override
    public AccessLogPage accessesToPatient(String nhsNumber, AccessLogQuery query) {
        return read(() -> reader.accessesToPatient(nhsNumber, query));
    }

    @Override
    public AccessLogPage accessesByUser(String userId, AccessLogQuery query) {
        return read(() -> reader.accessesByUser(userId, query));
    }

    private static AccessLogPage read(Supplier<AccessLogPage> read) {
        try {
            return read.get();
        } catch (SprException e) {
            throw unavailable(e);
        }
    }

    private static QueryException unavailable(SprException e) {
        if (e.errorCode() == AuditErrorCode.BAD_CURSOR) {
            return new QueryException(e, 400, QueryErrorCode.BAD_PARAMETER, "cursor", "not a cursor of this access log");
        }
        return new QueryException(e, 503, QueryErrorCode.ACCESS_LOG_UNAVAILABLE, e.getMessage());
    }
}

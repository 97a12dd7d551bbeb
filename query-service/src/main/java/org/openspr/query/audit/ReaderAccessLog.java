package org.openspr.query.audit;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.openspr.audit.AuditErrorCode;
import org.openspr.audit.projection.AuditLogReader;
import org.openspr.events.avro.RecordAccessed;
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
    public List<RecordAccessed> accessesToPatient(String nhsNumber, Instant from, Instant to, int limit) {
        return read(() -> reader.accessesToPatient(nhsNumber, from, to, limit));
    }

    @Override
    public List<RecordAccessed> accessesByUser(String userId, Instant from, Instant to, int limit) {
        return read(() -> reader.accessesByUser(userId, from, to, limit));
    }

    private static List<RecordAccessed> read(Supplier<List<RecordAccessed>> read) {
        try {
            return read.get();
        } catch (SprException e) {
            throw unavailable(e);
        }
    }

    private static QueryException unavailable(SprException e) {
        if (e.errorCode() == AuditErrorCode.BAD_TIME_RANGE) {
            return new QueryException(e, 400, QueryErrorCode.BAD_PARAMETER, "from/to", e.getMessage());
        }
        return new QueryException(e, 503, QueryErrorCode.ACCESS_LOG_UNAVAILABLE, e.getMessage());
    }
}

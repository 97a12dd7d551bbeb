package org.openspr.cli.local;

import java.time.Instant;
import java.util.List;
import org.openspr.audit.projection.AuditLogReader;
import org.openspr.events.avro.RecordAccessed;
import org.openspr.query.audit.AccessLog;

/** The query service's access log bound to the audit stream's projection stores (same process in {@code spr local}). */
final class AuditStreamAccessLog implements AccessLog {
    private final AuditLogReader reader;

    AuditStreamAccessLog(AuditLogReader reader) {
        this.reader = reader;
    }

    @Override
    public List<RecordAccessed> accessesToPatient(String nhsNumber, Instant from, Instant to, int limit) {
        return reader.accessesToPatient(nhsNumber, from, to, limit);
    }

    @Override
    public List<RecordAccessed> accessesByUser(String userId, Instant from, Instant to, int limit) {
        return reader.accessesByUser(userId, from, to, limit);
    }
}

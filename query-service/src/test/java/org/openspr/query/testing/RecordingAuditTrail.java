package org.openspr.query.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openspr.events.avro.RecordAccessed;
import org.openspr.query.QueryErrorCode;
import org.openspr.query.QueryException;
import org.openspr.query.audit.AuditTrail;

/**
 * An audit trail that keeps events in memory, for resource tests of the HTTP contract; it can be made to fail as the
 * Kafka trail does when the broker does not acknowledge. Integration tests use the real trail on a real broker.
 */
public final class RecordingAuditTrail implements AuditTrail {
    private final List<RecordAccessed> events = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    @Override
    public void write(RecordAccessed event) {
        if (failing) {
            throw new QueryException(503, QueryErrorCode.AUDIT_UNAVAILABLE, "test: broker unreachable");
        }
        events.add(event);
    }

    public List<RecordAccessed> events() {
        return List.copyOf(events);
    }

    public RecordAccessed last() {
        return events.get(events.size() - 1);
    }

    public void clear() {
        events.clear();
    }

    public void failing(boolean fail) {
        this.failing = fail;
    }
}

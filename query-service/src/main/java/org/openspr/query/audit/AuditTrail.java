package org.openspr.query.audit;

import org.openspr.events.avro.RecordAccessed;

/**
 * Where audit events go. {@link #write} returns only once the event is durably stored; if it cannot be, it throws a
 * 503 {@link org.openspr.query.QueryException} and the caller must release nothing.
 */
public interface AuditTrail {
    void write(RecordAccessed event);
}

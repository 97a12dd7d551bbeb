package org.openspr.query;

import io.dropwizard.core.setup.Environment;
import org.openspr.query.audit.AccessLog;
import org.openspr.query.audit.AuditTrail;
import org.openspr.query.core.RecordSource;
import org.openspr.query.streams.ForwardingFilter;

/**
 * What the service reads from and writes to, bound when it starts: the projector's record stores, the audit stream's
 * access log and the audit trail. {@code spr local} passes its in-process Streams instances; a standalone service
 * binds them from configuration. Tests bind in-memory sources but always a real audit trail.
 */
public interface ServiceBindings {
    RecordSource records(QueryServiceConfiguration config, Environment environment);

    AccessLog accessLog(QueryServiceConfiguration config, Environment environment);

    /** The audit trail; the default writes to the audit topic and fails closed. */
    AuditTrail auditTrail(QueryServiceConfiguration config, Environment environment);

    /** Forwards patient requests to the owning instance; null when this instance answers for every patient. */
    default ForwardingFilter forwarding(QueryServiceConfiguration config, Environment environment) {
        return null;
    }
}

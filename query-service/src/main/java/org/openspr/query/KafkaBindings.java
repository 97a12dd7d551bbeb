package org.openspr.query;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import org.openspr.events.registry.RestSchemaRegistryClient;
import org.openspr.events.topics.Topics;
import org.openspr.query.audit.AccessLog;
import org.openspr.query.audit.AuditTrail;
import org.openspr.query.audit.KafkaAuditTrail;
import org.openspr.query.core.RecordSource;
import org.openspr.query.health.AuditTrailHealthCheck;

/**
 * Bindings of a standalone service: the audit trail on the configured broker. The record stores and the access log
 * are bound by the process that runs the projector's and audit stream's Streams instances (see
 * {@code EmbeddedQueryService}); a service without them answers 503, never an empty record.
 */
public class KafkaBindings implements ServiceBindings {
    private final RecordSource records;
    private final AccessLog accessLog;

    public KafkaBindings() {
        this((nhsNumber, query) -> {
            throw new QueryException(503, QueryErrorCode.STORE_NOT_READY, "no record store bound to this instance");
        }, AccessLog.unavailable());
    }

    /** Bindings whose record source is provided by a subclass overriding {@link #records}. */
    protected KafkaBindings(AccessLog accessLog) {
        this(null, accessLog);
    }

    public KafkaBindings(RecordSource records, AccessLog accessLog) {
        this.records = records;
        this.accessLog = accessLog;
    }

    @Override
    public RecordSource records(QueryServiceConfiguration config, Environment environment) {
        return records;
    }

    @Override
    public AccessLog accessLog(QueryServiceConfiguration config, Environment environment) {
        return accessLog;
    }

    @Override
    public AuditTrail auditTrail(QueryServiceConfiguration config, Environment environment) {
        Topics topics = Topics.create(new RestSchemaRegistryClient(config.kafka.schemaRegistryUrl));
        KafkaAuditTrail trail = KafkaAuditTrail.create(config.kafka.bootstrapServers, config.kafka.clientProperties,
                topics.auditEvents(), config.audit);
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                trail.close();
            }
        });
        environment.healthChecks().register("audit-trail", new AuditTrailHealthCheck(trail));
        return trail;
    }
}

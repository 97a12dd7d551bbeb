package org.openspr.query.health;

import com.codahale.metrics.health.HealthCheck;
import org.openspr.query.audit.KafkaAuditTrail;

/** Healthy when the audit topic's partitions are known and led: without it no read can be answered. */
public final class AuditTrailHealthCheck extends HealthCheck {
    private final KafkaAuditTrail trail;

    public AuditTrailHealthCheck(KafkaAuditTrail trail) {
        this.trail = trail;
    }

    @Override
    protected Result check() {
        String problem = trail.problem();
        return problem == null ? Result.healthy() : Result.unhealthy(problem);
    }
}

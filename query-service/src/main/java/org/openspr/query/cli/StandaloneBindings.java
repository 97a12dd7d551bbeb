package org.openspr.query.cli;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import java.nio.file.Path;
import org.openspr.projector.app.ProjectorConfig;
import org.openspr.projector.app.ServingProjector;
import org.openspr.query.QueryServiceConfiguration;
import org.openspr.query.ServiceBindings;
import org.openspr.query.audit.AccessLog;
import org.openspr.query.audit.AuditTrail;
import org.openspr.query.core.RecordSource;
import org.openspr.query.streams.ForwardingFilter;

/**
 * Bindings of a standalone service ({@code java -jar query-service.jar server query-service.yml}): it runs its own
 * record projector instance (same application id on every instance, so the partitions are shared out), answers for the
 * patients it owns and forwards the others. The application id is the one the projection control topic names
 * ({@code projectorApplicationId} until {@code spr rebuild} first switches), followed as it changes. The projector is stopped with the service (leaving its group).
 */
public final class StandaloneBindings implements ServiceBindings {
    private StreamsBindings streams;

    private synchronized StreamsBindings streams(QueryServiceConfiguration config, Environment environment) {
        if (streams == null) {
            ServingProjector projector = new ServingProjector(ProjectorConfig.local(config.kafka.bootstrapServers,
                    config.kafka.schemaRegistryUrl, config.kafka.projectorApplicationId, Path.of(config.kafka.dataRoot))
                    .withApplicationServer(config.kafka.applicationServer).withClientProperties(config.kafka.clientProperties),
                    config.kafka.projectionRestoreTimeout.toJavaDuration()).start();
            environment.lifecycle().manage(new Managed() {
                @Override
                public void stop() {
                    projector.close();
                }
            });
            streams = new StreamsBindings(projector, null, config.kafka.applicationServer);
        }
        return streams;
    }

    @Override
    public RecordSource records(QueryServiceConfiguration config, Environment environment) {
        return streams(config, environment).records(config, environment);
    }

    @Override
    public AccessLog accessLog(QueryServiceConfiguration config, Environment environment) {
        // The audit stream's access-log reader is bound here once audit-stream publishes it (AuditLogReader).
        return AccessLog.unavailable();
    }

    @Override
    public AuditTrail auditTrail(QueryServiceConfiguration config, Environment environment) {
        return streams(config, environment).auditTrail(config, environment);
    }

    @Override
    public ForwardingFilter forwarding(QueryServiceConfiguration config, Environment environment) {
        return streams(config, environment).forwarding(config, environment);
    }
}

package org.openspr.query.cli;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.lifecycle.Managed;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import org.openspr.audit.app.AccessLogReplica;
import org.openspr.projector.app.ProjectorConfig;
import org.openspr.projector.app.ServingProjector;
import org.openspr.query.QueryServiceConfiguration;
import org.openspr.query.ServiceBindings;
import org.openspr.query.audit.AccessLog;
import org.openspr.query.audit.AuditTrail;
import org.openspr.query.audit.ReaderAccessLog;
import org.openspr.query.core.RecordSource;
import org.openspr.query.health.StreamsHealthCheck;
import org.openspr.query.streams.ForwardingFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bindings of a standalone service ({@code java -jar query-service.jar server query-service.yml}): it runs its own
 * record projector instance (same application id on every instance, so the partitions are shared out), answers for the
 * patients it owns and forwards the others. The application id is the one the projection control topic names
 * ({@code projectorApplicationId} until {@code spr rebuild} first switches), followed as it changes. The projector is stopped with the service (leaving its group).
 * The access logs come from a replica of them kept by this instance.
 */
public final class StandaloneBindings implements ServiceBindings {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneBindings.class);
    private StreamsBindings streams;

    private synchronized StreamsBindings streams(QueryServiceConfiguration config, Environment environment) {
        if (streams == null) {
            String applicationServer = applicationServer(config);
            ServingProjector projector = new ServingProjector(ProjectorConfig.local(config.kafka.bootstrapServers,
                    config.kafka.schemaRegistryUrl, config.kafka.projectorApplicationId, Path.of(config.kafka.dataRoot))
                    .withApplicationServer(applicationServer).withClientProperties(config.kafka.clientProperties),
                    config.kafka.projectionRestoreTimeout.toJavaDuration()).start();
            environment.lifecycle().manage(new Managed() {
                @Override
                public void stop() {
                    projector.close();
                }
            });
            streams = new StreamsBindings(projector, null, applicationServer);
        }
        return streams;
    }

    /**
     * {@code kafka.applicationServer}, or when it is unset this host's name and the API port: an instance that does not
     * advertise itself would take every patient for its own and answer "no record" for those another instance owns,
     * while the others could not forward to it (503 for its patients).
     */
    static String applicationServer(QueryServiceConfiguration config) {
        if (config.kafka.applicationServer != null && !config.kafka.applicationServer.isBlank()) {
            return config.kafka.applicationServer;
        }
        int port = config.getServerFactory() instanceof DefaultServerFactory server
                && server.getApplicationConnectors().get(0) instanceof HttpConnectorFactory http ? http.getPort() : 0;
        if (port <= 0) {
            throw new IllegalStateException("kafka.applicationServer is not set and the API port is not fixed: set "
                    + "kafka.applicationServer (host:port other instances reach this one at)");
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("kafka.applicationServer is not set and this host has no name: set it", e);
        }
        LOG.info("kafka.applicationServer not set: other instances will reach this one at {}:{} (set it if they cannot)", host, port);
        return host + ":" + port;
    }

    @Override
    public RecordSource records(QueryServiceConfiguration config, Environment environment) {
        return streams(config, environment).records(config, environment);
    }

    /**
     * From this instance's replica of the access logs ({@link AccessLogReplica}, kept under {@code kafka.dataRoot}):
     * the audit stream runs as a service of its own, and its stores are not in this process.
     */
    @Override
    public AccessLog accessLog(QueryServiceConfiguration config, Environment environment) {
        streams(config, environment); // the projector has created the catalogue's topics, the replica's sources among them
        AccessLogReplica replica = new AccessLogReplica(config.kafka.bootstrapServers, config.kafka.schemaRegistryUrl,
                Path.of(config.kafka.dataRoot).resolve("access-log"), config.kafka.clientProperties).start();
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                replica.close();
            }
        });
        environment.healthChecks().register("access-log-replica", new StreamsHealthCheck("access-log replica", replica::state));
        return new ReaderAccessLog(replica.reader());
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

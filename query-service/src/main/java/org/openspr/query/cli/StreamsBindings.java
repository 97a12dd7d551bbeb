package org.openspr.query.cli;

import io.dropwizard.core.setup.Environment;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.openspr.projector.app.LocalRecordStores;
import org.openspr.projector.record.PatientRecordReader;
import org.openspr.query.KafkaBindings;
import org.openspr.query.QueryServiceConfiguration;
import org.openspr.query.audit.AccessLog;
import org.openspr.query.core.RecordSource;
import org.openspr.query.health.StreamsHealthCheck;
import org.openspr.query.streams.ForwardingFilter;
import org.openspr.query.streams.PatientRouter;
import org.openspr.query.streams.ProjectorRecordSource;

/**
 * Binds the service to a running projector KafkaStreams instance (interactive queries) and, optionally, the audit
 * stream's access log. Given a supplier (a {@link org.openspr.projector.app.ServingProjector}), every request reads
 * from whichever projection serves at that moment, so {@code spr rebuild} can switch projections under live readers. With {@code applicationServer} set (host:port = this service's HTTP address, the same value the
 * projector was started with), patients owned by other instances are forwarded to them.
 */
public final class StreamsBindings extends KafkaBindings {
    private final Supplier<KafkaStreams> projector;
    private final PatientRouter router;
    private final String applicationServer;

    public StreamsBindings(KafkaStreams projector, AccessLog accessLog, String applicationServer) {
        this(() -> projector, accessLog, applicationServer);
    }

    public StreamsBindings(Supplier<KafkaStreams> projector, AccessLog accessLog, String applicationServer) {
        this(projector, new PatientRecordReader(new LocalRecordStores(projector)), accessLog, applicationServer);
    }

    private StreamsBindings(Supplier<KafkaStreams> projector, PatientRecordReader reader, AccessLog accessLog, String applicationServer) {
        this(projector, reader, new PatientRouter(projector, reader, applicationServer == null ? null : HostInfo.buildFromEndpoint(applicationServer)),
                accessLog, applicationServer);
    }

    private StreamsBindings(Supplier<KafkaStreams> projector, PatientRecordReader reader, PatientRouter router, AccessLog accessLog,
                            String applicationServer) {
        super(new ProjectorRecordSource(reader, router), accessLog == null ? AccessLog.unavailable() : accessLog);
        this.projector = projector;
        this.router = router;
        this.applicationServer = applicationServer;
    }

    @Override
    public RecordSource records(QueryServiceConfiguration config, Environment environment) {
        environment.healthChecks().register("record-projector", new StreamsHealthCheck(projector));
        return super.records(config, environment);
    }

    @Override
    public ForwardingFilter forwarding(QueryServiceConfiguration config, Environment environment) {
        return applicationServer == null ? null
                : new ForwardingFilter(router, config.kafka.forwardTimeout.toJavaDuration(), applicationServer);
    }
}

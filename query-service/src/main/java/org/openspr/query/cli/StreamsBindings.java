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
import org.openspr.query.streams.DecodedItems;
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
    private final LocalRecordStores stores;
    private final PatientRouter router;
    private final String applicationServer;
    private RecordSource records;

    public StreamsBindings(KafkaStreams projector, AccessLog accessLog, String applicationServer) {
        this(() -> projector, accessLog, applicationServer);
    }

    public StreamsBindings(Supplier<KafkaStreams> projector, AccessLog accessLog, String applicationServer) {
        super(accessLog == null ? AccessLog.unavailable() : accessLog);
        this.projector = projector;
        this.stores = new LocalRecordStores(projector);
        this.router = new PatientRouter(projector, new PatientRecordReader(stores),
                applicationServer == null ? null : HostInfo.buildFromEndpoint(applicationServer));
        this.applicationServer = applicationServer;
    }

    @Override
    public synchronized RecordSource records(QueryServiceConfiguration config, Environment environment) {
        environment.healthChecks().register("record-projector", new StreamsHealthCheck("record projector", () -> projector.get().state()));
        if (records == null) {
            records = new ProjectorRecordSource(stores, router, new DecodedItems(config.decodedItemCacheMegabytes * 1024L * 1024L));
        }
        return records;
    }

    @Override
    public ForwardingFilter forwarding(QueryServiceConfiguration config, Environment environment) {
        return applicationServer == null ? null
                : new ForwardingFilter(router, config.kafka.forwardTimeout.toJavaDuration(), applicationServer);
    }
}

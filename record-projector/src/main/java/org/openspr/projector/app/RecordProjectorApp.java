package org.openspr.projector.app;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.openspr.events.registry.RestSchemaRegistryClient;
import org.openspr.events.registry.SchemaRegistryClient;
import org.openspr.events.topics.TopicProvisioner;
import org.openspr.events.topics.Topics;
import org.openspr.projector.errors.DeadLetters;
import org.openspr.projector.identity.IdentityResolver;
import org.openspr.projector.identity.ParkedEventsView;
import org.openspr.projector.record.PatientRecordReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the record projector: creates missing topics, starts Kafka Streams, and gives readers over its local stores.
 * Embedded by the all-in-one CLI process and by the query service; {@link #close()} leaves the group so a restart
 * does not wait out the session timeout.
 */
public final class RecordProjectorApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecordProjectorApp.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final ProjectorConfig config;
    private final DeadLetters deadLetters = new DeadLetters();
    private final CountDownLatch running = new CountDownLatch(1);
    private KafkaStreams streams;

    public RecordProjectorApp(ProjectorConfig config) {
        this.config = config;
    }

    /** Creates missing topics and starts processing; returns at once (see {@link #awaitRunning}). Never wipes state. */
    public synchronized RecordProjectorApp start() {
        if (streams != null) {
            throw new IllegalStateException("already started");
        }
        ensureTopics(config);
        SchemaRegistryClient registry = new RestSchemaRegistryClient(config.schemaRegistryUrl());
        streams = new KafkaStreams(ProjectorTopology.buildTopology(Topics.create(registry), registry),
                config.streamsProperties(deadLetters));
        // Per-record errors are handled by the dead-letter handlers; what reaches here is infrastructure failure.
        // Stopping the client (state ERROR, visible to health checks) beats replacing threads in a crash loop.
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Record projector stream thread failed; stopping this instance", e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.start();
        return this;
    }

    /** Creates the platform's topics that are missing. */
    static void ensureTopics(ProjectorConfig config) {
        try (Admin admin = Admin.create(config.adminProperties())) {
            new TopicProvisioner(admin, config.replicationFactor()).ensure(Topics.definitions());
        }
    }

    public String applicationId() {
        return config.applicationId();
    }

    /** Waits until the instance is RUNNING (restored and processing) for the first time; false on timeout. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The Kafka Streams instance, for interactive queries and metadata (which instance owns which patient). */
    public KafkaStreams streams() {
        return streams;
    }

    /** Reads patient records from this instance's stores (single-instance deployments). */
    public PatientRecordReader reader() {
        return new PatientRecordReader(new LocalRecordStores(streams));
    }

    /** Operator view of events waiting for their patient to be known, on this instance. */
    public ParkedEventsView parkedEvents() {
        return new ParkedEventsView(LocalRecordStores.parkedCounts(streams));
    }

    /**
     * Sum of the parked-events gauges of this instance's tasks ({@value IdentityResolver#METRIC_GROUP} /
     * {@value IdentityResolver#PARKED_METRIC}, tagged by task; over JMX as {@code kafka.streams:type=spr-projector,task-id=…}).
     */
    public long parkedEventsMetric() {
        return streams.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals(IdentityResolver.METRIC_GROUP) && e.getKey().name().equals(IdentityResolver.PARKED_METRIC))
                .mapToLong(e -> ((Number) e.getValue().metricValue()).longValue())
                .sum();
    }

    /**
     * Largest consumer lag (records not yet read) over this instance's input partitions, from the consumers'
     * per-partition {@code records-lag} metrics (current values, unlike the windowed {@code records-lag-max}); 0 when
     * caught up. The same metrics are in {@code KafkaStreams.metrics()} and over JMX
     * ({@code kafka.consumer:type=consumer-fetch-manager-metrics,client-id=…,topic=…,partition=…}).
     */
    public long maxLag() {
        return (long) streams.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals("consumer-fetch-manager-metrics") && e.getKey().name().equals("records-lag")
                        && e.getKey().tags().containsKey("partition"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .filter(lag -> !Double.isNaN(lag))
                .max().orElse(0);
    }

    /** Records sent to dead-letter topics by this instance since it started. */
    public long deadLetterCount() {
        return deadLetters.count();
    }

    @Override
    public synchronized void close() {
        if (streams != null) {
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(CLOSE_TIMEOUT));
            streams = null;
        }
    }
}

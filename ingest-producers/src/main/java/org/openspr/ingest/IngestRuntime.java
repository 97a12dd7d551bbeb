package org.openspr.ingest;

import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.openspr.events.registry.RestSchemaRegistryClient;
import org.openspr.events.topics.TopicProvisioner;
import org.openspr.events.topics.Topics;
import org.openspr.ingest.fhir.FhirIngestor;
import org.openspr.ingest.hl7.Hl7Ingestor;
import org.openspr.ingest.publish.IngestPipeline;
import org.openspr.ingest.publish.OutboundRecords;
import org.openspr.ingest.publish.TransactionalPublisher;

/**
 * The ingest core, wired: topics, registry client, transactional publisher and the pipeline every channel uses.
 * Start one per process; hand {@link #pipeline()} to the MLLP server, the HTTP resource and the bulk importer.
 */
public final class IngestRuntime implements AutoCloseable {
    private final Topics topics;
    private final TransactionalPublisher publisher;
    private final IngestPipeline pipeline;

    private IngestRuntime(IngestSettings settings) {
        this.topics = Topics.create(new RestSchemaRegistryClient(settings.schemaRegistryUrl()));
        if (settings.provisionTopics()) {
            try (Admin admin = Admin.create(settings.publisher().adminProperties())) {
                new TopicProvisioner(admin, settings.replicationFactor()).ensure(Topics.definitions());
            }
        }
        this.publisher = new TransactionalPublisher(settings.publisher());
        this.pipeline = new IngestPipeline(new FhirIngestor(settings.sourceDefaults(), settings.assignTestNhsNumbers()),
                new Hl7Ingestor(settings.sourceDefaults(), settings.assignTestNhsNumbers()), publisher, new OutboundRecords(topics),
                Clock.systemUTC());
    }

    /** Creates missing topics (if asked), connects the transactional producers; fails fast if Kafka is unreachable. */
    public static IngestRuntime start(IngestSettings settings) {
        return new IngestRuntime(settings);
    }

    public IngestPipeline pipeline() {
        return pipeline;
    }

    public Topics topics() {
        return topics;
    }

    @Override
    public void close() {
        publisher.close();
    }
}

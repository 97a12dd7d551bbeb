package org.openspr.projector.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.openspr.embedded.registry.EmbeddedSchemaRegistry;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.IdentityEvent;
import org.openspr.events.avro.RecordItem;
import org.openspr.events.registry.RestSchemaRegistryClient;
import org.openspr.events.topics.Topics;
import org.openspr.projector.app.ProjectorConfig;
import org.openspr.projector.app.ProjectorTopology;
import org.openspr.projector.errors.DeadLetters;
import org.openspr.projector.record.PatientRecordReader;
import org.openspr.projector.record.RecordStoreAccess;
import org.openspr.projector.record.RecordStores;
import org.openspr.projector.record.StoredItem;

/** The projector topology in a TopologyTestDriver with a real (volatile) schema registry, as every unit test uses it. */
public final class ProjectorTestDriver implements AutoCloseable {
    private final EmbeddedSchemaRegistry registry;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, ClinicalEvent> clinical;
    private final TestInputTopic<String, IdentityEvent> identity;
    private final TestOutputTopic<String, RecordItem> changes;
    private final DeadLetters deadLetters = new DeadLetters();

    public ProjectorTestDriver() {
        try {
            registry = EmbeddedSchemaRegistry.volatileForUnitTests().start();
            RestSchemaRegistryClient client = new RestSchemaRegistryClient(registry.url());
            Topics topics = Topics.create(client);
            Path dataRoot = Files.createTempDirectory("projector-ttd-");
            Properties props = ProjectorConfig.local("unused:9092", registry.url(), "projector-test", dataRoot)
                    .streamsProperties(deadLetters);
            props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0); // every write visible to the test at once
            driver = new TopologyTestDriver(ProjectorTopology.buildTopology(topics, client), props);
            clinical = driver.createInputTopic(topics.clinicalEvents().name(), Serdes.String().serializer(),
                    topics.clinicalEvents().valueSerde().serializer());
            identity = driver.createInputTopic(topics.identityEvents().name(), Serdes.String().serializer(),
                    topics.identityEvents().valueSerde().serializer());
            changes = driver.createOutputTopic(topics.recordViewChanges().name(), Serdes.String().deserializer(),
                    topics.recordViewChanges().valueSerde().deserializer());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Publishes under the routing key ingest would use. */
    public ProjectorTestDriver send(Events.Builder event) {
        clinical.pipeInput(event.routingKey(), event.build());
        return this;
    }

    public ProjectorTestDriver send(String key, ClinicalEvent event) {
        clinical.pipeInput(key, event);
        return this;
    }

    public ProjectorTestDriver identity(String key, IdentityEvent event) {
        identity.pipeInput(key, event);
        return this;
    }

    public List<KeyValue<String, RecordItem>> changes() {
        return changes.readKeyValuesToList();
    }

    public KeyValueStore<String, StoredItem> items() {
        return driver.getKeyValueStore(RecordStores.RECORD_ITEMS);
    }

    /** Keys of the events the topology sent through its repartition by NHS number (not projected in place). */
    public List<String> repartitionedKeys() {
        return driver.createOutputTopic("projector-test-" + ProjectorTopology.EVENTS_BY_NHS_NUMBER + "-repartition",
                Serdes.String().deserializer(), Serdes.ByteArray().deserializer()).readKeyValuesToList().stream().map(kv -> kv.key).toList();
    }

    public KeyValueStore<String, Long> parkedCounts() {
        return driver.getKeyValueStore(RecordStores.PARKED_COUNTS);
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }

    public PatientRecordReader reader() {
        return new PatientRecordReader(new RecordStoreAccess() {
            @Override
            public ReadOnlyKeyValueStore<String, StoredItem> items(String nhsNumber) {
                return driver.getKeyValueStore(RecordStores.RECORD_ITEMS);
            }

            @Override
            public ReadOnlyKeyValueStore<String, String> timeline(String nhsNumber) {
                return driver.getKeyValueStore(RecordStores.TIMELINE);
            }

            @Override
            public ReadOnlyKeyValueStore<String, String> unapplied(String nhsNumber) {
                return driver.getKeyValueStore(RecordStores.UNAPPLIED_EVENTS);
            }

            @Override
            public ReadOnlyKeyValueStore<String, String> merges() {
                return driver.getKeyValueStore(RecordStores.PATIENT_MERGES);
            }
        });
    }

    @Override
    public void close() {
        driver.close();
        registry.close();
    }
}

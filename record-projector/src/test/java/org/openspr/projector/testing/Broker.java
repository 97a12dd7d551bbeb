package org.openspr.projector.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.IdentityEvent;
import org.openspr.events.avro.RecordItem;
import org.openspr.events.registry.RestSchemaRegistryClient;
import org.openspr.events.topics.TopicProvisioner;
import org.openspr.events.topics.Topics;

/** Publishes events to and reads the view-changes topic from a real broker, as ingest and downstream consumers would. */
public final class Broker implements AutoCloseable {
    private final String bootstrapServers;
    private final Topics topics;
    private final KafkaProducer<String, ClinicalEvent> clinical;
    private final KafkaProducer<String, IdentityEvent> identity;

    public Broker(String bootstrapServers, String registryUrl) {
        this.bootstrapServers = bootstrapServers;
        this.topics = Topics.create(new RestSchemaRegistryClient(registryUrl));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            new TopicProvisioner(admin, (short) 1).ensure(Topics.definitions());
        }
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        clinical = new KafkaProducer<>(props, new StringSerializer(), topics.clinicalEvents().valueSerde().serializer());
        identity = new KafkaProducer<>(props, new StringSerializer(), topics.identityEvents().valueSerde().serializer());
    }

    public void send(Events.Builder event) {
        clinical.send(new ProducerRecord<>(topics.clinicalEvents().name(), event.routingKey(), event.build()));
    }

    public void identity(String key, IdentityEvent event) {
        identity.send(new ProducerRecord<>(topics.identityEvents().name(), key, event));
    }

    public void flush() {
        clinical.flush();
        identity.flush();
    }

    /** Every committed record on the view-changes topic so far (read_committed: aborted transactions are invisible). */
    public List<ConsumerRecord<String, RecordItem>> committedViewChanges() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, RecordItem> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                topics.recordViewChanges().valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topics.recordViewChanges().name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, RecordItem>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    @Override
    public void close() {
        clinical.close();
        identity.close();
    }
}

package org.openspr.embedded.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The registry's durable store: a single-partition compacted Kafka topic holding one record per subject
 * version and per config, in the same key/value JSON shapes as Confluent's {@code _schemas} topic.
 * Every write is acknowledged by the broker (acks=all) before the registry answers.
 */
final class KafkaSchemaLog implements SchemaLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final String bootstrapServers;
    private final KafkaProducer<byte[], byte[]> producer;

    KafkaSchemaLog(String bootstrapServers, String topic, short replicationFactor) {
        this.topic = topic;
        this.bootstrapServers = bootstrapServers;
        ensureTopic(replicationFactor);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Reads the topic from the beginning to its current end, applying every record to the state. */
    @Override
    public void replayInto(RegistryState state) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
            while (consumer.position(partition, Duration.ofSeconds(30)) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(state, record.key(), record.value());
                }
            }
        }
    }

    /** Writes a subject version (or its tombstone when {@code value} is null) and waits for the broker. */
    @Override
    public void writeSchema(String subject, int version, SchemaRecord value) {
        ObjectNode key = JSON.createObjectNode().put("keytype", "SCHEMA").put("subject", subject).put("version", version).put("magic", 1);
        ObjectNode body = value == null ? null : JSON.createObjectNode()
                .put("subject", value.subject()).put("version", value.version()).put("id", value.id())
                .put("schema", value.schema()).put("deleted", value.deleted());
        write(key, body);
    }

    /** Writes a compatibility config (global when subject is null; deletion when level is null). */
    @Override
    public void writeConfig(String subject, String level) {
        ObjectNode key = JSON.createObjectNode().put("keytype", "CONFIG");
        if (subject == null) {
            key.putNull("subject");
        } else {
            key.put("subject", subject);
        }
        key.put("magic", 0);
        write(key, level == null ? null : JSON.createObjectNode().put("compatibilityLevel", level));
    }

    private void write(JsonNode key, JsonNode value) {
        try {
            producer.send(new ProducerRecord<>(topic, bytes(key), value == null ? null : bytes(value)))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryError.storeError("interrupted while writing to " + topic);
        } catch (ExecutionException | TimeoutException e) {
            throw RegistryError.storeError("could not write to " + topic + ": " + e.getMessage());
        }
    }

    static void apply(RegistryState state, byte[] keyBytes, byte[] valueBytes) {
        JsonNode key = read(keyBytes);
        String keyType = key.path("keytype").asText();
        if (keyType.equals("SCHEMA")) {
            String subject = key.get("subject").asText();
            int version = key.get("version").asInt();
            if (valueBytes == null) {
                state.remove(subject, version);
            } else {
                JsonNode value = read(valueBytes);
                state.apply(new SchemaRecord(subject, version, value.get("id").asInt(), value.get("schema").asText(),
                        value.path("deleted").asBoolean(false)));
            }
        } else if (keyType.equals("CONFIG")) {
            String subject = key.path("subject").isNull() || key.path("subject").isMissingNode() ? null : key.get("subject").asText();
            String level = valueBytes == null ? null : read(valueBytes).path("compatibilityLevel").asText(null);
            state.applyConfig(subject, level);
        }
        // Other key types (NOOP, MODE, DELETE_SUBJECT written by other registries) carry nothing we need.
    }

    private void ensureTopic(short replicationFactor) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                return;
            }
            NewTopic newTopic = new NewTopic(topic, 1, replicationFactor).configs(Map.of("cleanup.policy", "compact"));
            admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw RegistryError.storeError("could not create " + topic + ": " + e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryError.storeError("interrupted while creating " + topic);
        } catch (TimeoutException e) {
            throw RegistryError.storeError("timed out creating " + topic + " on " + bootstrapServers);
        }
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode read(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable record in schema store: " + new String(bytes, StandardCharsets.UTF_8), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

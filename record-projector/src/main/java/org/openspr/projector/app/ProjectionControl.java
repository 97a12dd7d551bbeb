package org.openspr.projector.app;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openspr.events.errors.SprException;
import org.openspr.events.topics.Topics;
import org.openspr.projector.ProjectorErrorCode;

/**
 * The record projection's entry in the projection control topic ({@link Topics#PROJECTION_CONTROL}): which Streams
 * application id serves reads. {@code spr rebuild} writes it after verifying a rebuilt view; every instance that
 * serves reads follows it ({@link ServingProjector}). No entry means {@link ProjectorConfig#DEFAULT_APPLICATION_ID}.
 */
public final class ProjectionControl {
    /** Key of the record projection in the control topic. */
    public static final String RECORD_PROJECTION = "record-projector";
    private static final TopicPartition PARTITION = new TopicPartition(Topics.PROJECTION_CONTROL.name(), 0);

    private final Map<String, Object> clientProperties;

    /** @param clientProperties bootstrap servers and any security settings */
    public ProjectionControl(Map<String, Object> clientProperties) {
        this.clientProperties = Map.copyOf(clientProperties);
    }

    public static ProjectionControl forBootstrap(String bootstrapServers) {
        return new ProjectionControl(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** The application id serving the record projection, read to the end of the control topic. */
    public String activeApplicationId(String fallback, Duration timeout) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.assign(List.of(PARTITION));
            consumer.seekToBeginning(List.of(PARTITION));
            long end = consumer.endOffsets(List.of(PARTITION), timeout).get(PARTITION);
            String active = null;
            Instant deadline = Instant.now().plus(timeout);
            while (consumer.position(PARTITION, timeout) < end) {
                if (Instant.now().isAfter(deadline)) {
                    throw new SprException(ProjectorErrorCode.CONTROL_TOPIC_UNREADABLE, PARTITION.topic(), "timed out after " + timeout);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    active = next(active, record).orElse(active);
                }
            }
            return active == null ? fallback : active;
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new SprException(e, ProjectorErrorCode.CONTROL_TOPIC_UNREADABLE, PARTITION.topic(), e.getMessage());
        }
    }

    /** Makes {@code applicationId} the one serving the record projection; returns once the broker acknowledged it. */
    public void switchTo(String applicationId) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(PARTITION.topic(), PARTITION.partition(), RECORD_PROJECTION, applicationId)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SprException(e, ProjectorErrorCode.CONTROL_TOPIC_UNWRITABLE, PARTITION.topic(), "interrupted");
        } catch (ExecutionException | org.apache.kafka.common.KafkaException e) {
            throw new SprException(e, ProjectorErrorCode.CONTROL_TOPIC_UNWRITABLE, PARTITION.topic(), e.getMessage());
        }
    }

    /** A consumer positioned at the end of the control topic, for following switches as they are written. */
    KafkaConsumer<String, String> followerAtEnd() {
        KafkaConsumer<String, String> consumer = consumer();
        consumer.assign(List.of(PARTITION));
        consumer.seekToEnd(List.of(PARTITION));
        return consumer;
    }

    /** The application id a control record switches the record projection to, if it is about the record projection. */
    static Optional<String> next(String current, ConsumerRecord<String, String> record) {
        if (!RECORD_PROJECTION.equals(record.key()) || record.value() == null || record.value().isBlank()
                || record.value().equals(current)) {
            return Optional.empty();
        }
        return Optional.of(record.value());
    }

    private KafkaConsumer<String, String> consumer() {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}

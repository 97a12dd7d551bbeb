package org.openspr.query.audit;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.openspr.events.avro.RecordAccessed;
import org.openspr.events.topics.Topic;
import org.openspr.query.QueryErrorCode;
import org.openspr.query.QueryException;

/**
 * Writes audit events to the audit topic with acks=all and idempotence, and blocks each request until its own event is
 * acknowledged. One producer is shared by all request threads, so concurrent reads are batched together (linger) and
 * their acknowledgements pipelined: the cost per read is one round trip, not one per event in flight.
 */
public final class KafkaAuditTrail implements AuditTrail, AutoCloseable {
    private final Producer<String, RecordAccessed> producer;
    private final Topic<String, RecordAccessed> topic;
    private final long ackTimeoutMillis;

    public KafkaAuditTrail(Producer<String, RecordAccessed> producer, Topic<String, RecordAccessed> topic, Duration ackTimeout) {
        this.producer = producer;
        this.topic = topic;
        this.ackTimeoutMillis = ackTimeout.toMillis();
    }

    /** A trail with its own producer; delivery and blocking are bounded by the acknowledgement timeout. */
    public static KafkaAuditTrail create(String bootstrapServers, Topic<String, RecordAccessed> topic, AuditConfig config) {
        return create(bootstrapServers, Map.of(), topic, config);
    }

    /** As above, with extra client properties (security settings); they cannot override the settings below. */
    public static KafkaAuditTrail create(String bootstrapServers, Map<String, String> clientProperties,
                                         Topic<String, RecordAccessed> topic, AuditConfig config) {
        long timeout = config.ackTimeout.toMilliseconds();
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, config.lingerMs,
                ProducerConfig.CLIENT_ID_CONFIG, "spr-query-audit-" + config.observer,
                // The request waits at most ackTimeout; the producer must give up no later, so nothing is sent after
                // the caller was told 503 (delivery.timeout must be >= linger + request timeout).
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(500, timeout - config.lingerMs - 1),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(1000, timeout),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout));
        return new KafkaAuditTrail(new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer()),
                topic, Duration.ofMillis(timeout));
    }

    @Override
    public void write(RecordAccessed event) {
        String key = event.getPatientNhsNumber() != null ? event.getPatientNhsNumber() : event.getActor().getUserId();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ackTimeoutMillis);
        try {
            Future<RecordMetadata> ack = producer.send(new ProducerRecord<>(topic.name(), key, event));
            ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e, "interrupted");
        } catch (ExecutionException e) {
            throw unavailable(e.getCause(), e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw unavailable(e, "no acknowledgement within " + ackTimeoutMillis + " ms");
        } catch (KafkaException e) {
            throw unavailable(e, e.getMessage());
        }
    }

    /** Null when every partition of the audit topic has a leader, else what is wrong (for the health check). */
    public String problem() {
        try {
            var partitions = producer.partitionsFor(topic.name());
            long leaderless = partitions.stream().filter(p -> p.leader() == null || p.leader().isEmpty()).count();
            return leaderless == 0 ? null : leaderless + " audit partitions have no leader";
        } catch (KafkaException e) {
            return "audit topic " + topic.name() + " unavailable: " + e.getMessage();
        }
    }

    /** Flushes and closes the producer, waiting at most the acknowledgement timeout. */
    @Override
    public void close() {
        producer.close(Duration.ofMillis(ackTimeoutMillis));
    }

    private static QueryException unavailable(Throwable cause, String detail) {
        return new QueryException(cause, 503, QueryErrorCode.AUDIT_UNAVAILABLE, detail);
    }
}

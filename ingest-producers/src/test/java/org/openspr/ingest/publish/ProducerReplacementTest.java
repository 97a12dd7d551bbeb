package org.openspr.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A lane whose producer breaks while Kafka is unreachable: the commit fails, the abort times out, and Kafka cannot give
 * a new producer either. Its senders are told at once, and once Kafka can give a producer again the lane takes messages
 * again; it never keeps the closed producer, which would refuse every message until the service restarts.
 */
class ProducerReplacementTest {
    private final Deque<Supplier<Producer<byte[], byte[]>>> creations = new ArrayDeque<>();
    private TransactionalPublisher publisher;

    @AfterEach
    void close() {
        if (publisher != null) {
            publisher.close();
        }
    }

    @Test
    void shouldTakeMessagesAgainOnceKafkaCanGiveANewProducerAfterAnOutage() throws Exception {
        MockProducer<byte[], byte[]> broken = producer();
        broken.commitTransactionException = new KafkaException("EndTxn timed out: coordinator unreachable");
        broken.abortTransactionException = new TimeoutException("Timeout expired while awaiting EndTxn(ABORT)");
        MockProducer<byte[], byte[]> healthy = producer();
        creations.add(() -> broken);
        creations.add(ProducerReplacementTest::unreachable); // the replacement after the failed abort
        creations.add(ProducerReplacementTest::unreachable); // asked again by the next message: Kafka still down
        creations.add(() -> healthy);
        publisher = new TransactionalPublisher(new PublisherSettings("unused:9092", "test", 1, 500, Duration.ofSeconds(10), Map.of()),
                id -> creations.remove().get());

        assertThat(submit("during-1")).failsWithin(Duration.ofSeconds(10)); // its commit failed
        assertThat(broken.closed()).isTrue();
        assertThat(submit("during-2")).failsWithin(Duration.ofSeconds(10)); // no producer to be had: told at once
        assertThat(publisher.problem()).as("health").isEqualTo("1 of 1 publish lanes have no Kafka producer: "
                + "org.apache.kafka.common.errors.TimeoutException: Timeout expired after 30000ms while awaiting InitProducerId");
        submit("after").get(10, TimeUnit.SECONDS); // Kafka can give a producer again
        assertThat(publisher.problem()).isNull();

        assertThat(healthy.history()).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("after");
        assertThat(creations).isEmpty();
        assertThat(publisher.stats().snapshot().failed()).isEqualTo(2);
    }

    private CompletableFuture<Void> submit(String value) {
        return publisher.submit(List.of(new ProducerRecord<>("spr.inbound.raw", 0, null, value.getBytes(StandardCharsets.UTF_8))), value);
    }

    private static MockProducer<byte[], byte[]> producer() {
        MockProducer<byte[], byte[]> p = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        p.initTransactions();
        return p;
    }

    private static Producer<byte[], byte[]> unreachable() {
        throw new TimeoutException("Timeout expired after 30000ms while awaiting InitProducerId");
    }
}

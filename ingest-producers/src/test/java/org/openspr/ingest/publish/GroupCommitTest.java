package org.openspr.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit: messages queued while a transaction commits share the next one, and each sender hears "stored" only
 * when the transaction holding its message has committed. Kafka's own MockProducer stands in for the broker here;
 * the real broker is exercised by the *IT tests.
 */
class GroupCommitTest {
    private final CountDownLatch releaseFirstCommit = new CountDownLatch(1);
    private final CountDownLatch firstCommitStarted = new CountDownLatch(1);
    private final GatedProducer producer = new GatedProducer();
    private final TransactionalPublisher publisher = new TransactionalPublisher(
            new PublisherSettings("unused:9092", "test", 1, 500, Duration.ofSeconds(10), Map.of()), id -> producer);

    @AfterEach
    void close() {
        releaseFirstCommit.countDown();
        publisher.close();
    }

    @Test
    void shouldAcknowledgeEveryMessageOfAGroupOnlyOnceItsTransactionHasCommitted() throws Exception {
        CompletableFuture<Void> first = submit("first");
        assertThat(firstCommitStarted.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Void>> group = submitAll("a", "b", "c", "d");

        assertThat(first).isNotDone(); // its commit has not returned yet
        assertThat(group).noneMatch(CompletableFuture::isDone);
        releaseFirstCommit.countDown();

        CompletableFuture.allOf(group.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(first).isCompleted();
        assertThat(producer.commitCount()).isEqualTo(2); // "first" alone, then a..d together
        assertThat(committedValues()).containsExactly("first", "a", "b", "c", "d");
        assertThat(publisher.stats().snapshot().messages()).isEqualTo(5);
    }

    @Test
    void shouldFailEveryMessageOfAGroupWhoseCommitFailsAndAcknowledgeNone() throws Exception {
        CompletableFuture<Void> first = submit("first");
        assertThat(firstCommitStarted.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Void>> group = submitAll("a", "b", "c");
        producer.commitTransactionException = new KafkaException("broker unreachable");
        releaseFirstCommit.countDown();

        List<CompletableFuture<Void>> all = new ArrayList<>(group);
        all.add(first);
        for (CompletableFuture<Void> f : all) {
            assertThat(f).failsWithin(Duration.ofSeconds(10));
        }
        assertThat(committedValues()).isEmpty();
        assertThat(producer.transactionAborted()).isTrue();
        assertThat(publisher.stats().snapshot().failed()).isEqualTo(4);
    }

    @Test
    void shouldStillCommitTheOtherMessagesOfAGroupWhenOneCannotBeWritten() throws Exception {
        CompletableFuture<Void> first = submit("first");
        assertThat(firstCommitStarted.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Void>> group = submitAll("a", "poison", "c");
        releaseFirstCommit.countDown();

        assertThat(group.get(1)).failsWithin(Duration.ofSeconds(10));
        group.get(0).get(10, TimeUnit.SECONDS);
        group.get(2).get(10, TimeUnit.SECONDS);
        first.get(10, TimeUnit.SECONDS);
        assertThat(committedValues()).containsExactly("first", "a", "c"); // the aborted group left nothing behind
    }

    private CompletableFuture<Void> submit(String value) {
        return publisher.submit(List.of(new ProducerRecord<>("spr.inbound.raw", 0, null, value.getBytes(StandardCharsets.UTF_8))), value);
    }

    private List<CompletableFuture<Void>> submitAll(String... values) {
        List<CompletableFuture<Void>> out = new ArrayList<>();
        for (String v : values) {
            out.add(submit(v));
        }
        return out;
    }

    private List<String> committedValues() {
        return producer.history().stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }

    /** Holds its first commit until the test releases it (so a group queues up), and refuses records called "poison". */
    private final class GatedProducer extends MockProducer<byte[], byte[]> {
        private boolean first = true;

        GatedProducer() {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
            initTransactions();
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            if ("poison".equals(new String(record.value(), StandardCharsets.UTF_8))) {
                throw new RecordTooLargeException("poison is too large");
            }
            return super.send(record, callback);
        }

        @Override
        public void commitTransaction() {
            if (first) {
                first = false;
                firstCommitStarted.countDown();
                try {
                    releaseFirstCommit.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            super.commitTransaction();
        }
    }
}

package org.openspr.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With two lanes, small messages that arrive while one lane commits wait for that commit and then share one
 * transaction, instead of the other lane committing them beside it; a large message does not wait.
 */
class LaneQueueingTest {
    private static final long LONG_WAIT = TimeUnit.SECONDS.toNanos(30); // the test releases the commit long before
    private final CountDownLatch releaseFirstCommit = new CountDownLatch(1);
    private final CountDownLatch firstCommitStarted = new CountDownLatch(1);
    private final List<HeldCommitProducer> producers = new CopyOnWriteArrayList<>();
    private final TransactionalPublisher publisher = new TransactionalPublisher(
            new PublisherSettings("unused:9092", "test", 2, 500, Duration.ofSeconds(10), Map.of()), id -> {
                HeldCommitProducer p = new HeldCommitProducer(firstCommitStarted, releaseFirstCommit);
                producers.add(p);
                return p;
            }, new GatherTimings(LONG_WAIT, GatherTimings.DEFAULT.burstGapNanos(), GatherTimings.DEFAULT.maxBurstNanos()));

    @AfterEach
    void close() {
        releaseFirstCommit.countDown();
        publisher.close();
    }

    @Test
    void shouldGatherSmallMessagesWhileTheOtherLaneCommitsAndCommitThemTogether() throws Exception {
        CompletableFuture<Void> first = submit("first", 10);
        assertThat(firstCommitStarted.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> a = submit("a", 10);
        // the free lane takes "a" but holds it back while the first commit runs (it would commit it at once otherwise)
        assertThatThrownBy(() -> a.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        List<CompletableFuture<Void>> later = List.of(submit("b", 10), submit("c", 10));

        releaseFirstCommit.countDown();
        CompletableFuture.allOf(later.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(first).isCompleted();
        assertThat(a).isCompleted();
        assertThat(commits()).containsExactlyInAnyOrder(List.of("first"), List.of("a", "b", "c")); // lanes: either order
    }

    @Test
    void shouldCommitALargeMessageAtOnceBesideTheOtherLanesCommit() throws Exception {
        CompletableFuture<Void> first = submit("first", 10);
        assertThat(firstCommitStarted.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> large = submit("large", (int) PublishLane.SMALL_GROUP_BYTES);
        large.get(10, TimeUnit.SECONDS); // committed while the first commit is still held

        assertThat(first).isNotDone();
        releaseFirstCommit.countDown();
        first.get(10, TimeUnit.SECONDS);
    }

    private CompletableFuture<Void> submit(String name, int size) {
        byte[] value = new byte[Math.max(size, name.length())];
        System.arraycopy(name.getBytes(StandardCharsets.UTF_8), 0, value, 0, name.length());
        return publisher.submit(List.of(new ProducerRecord<>("t", name.getBytes(StandardCharsets.UTF_8), value)), name);
    }

    /** The messages of each committed transaction, over both lanes. */
    private List<List<String>> commits() {
        List<List<String>> out = new ArrayList<>();
        producers.forEach(p -> out.addAll(p.committed));
        return out;
    }
}

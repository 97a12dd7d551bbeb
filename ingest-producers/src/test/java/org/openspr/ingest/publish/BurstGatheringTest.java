package org.openspr.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * After a commit that answered several senders, the next group collects their next messages while they keep arriving,
 * so they share one commit, and ends as soon as all of them are back; a lone sender never waits, and a burst has a
 * time limit. The waits are made long here so that the outcome does not depend on this machine's speed.
 */
class BurstGatheringTest {
    private static final long LONG = TimeUnit.SECONDS.toNanos(30);
    private final CountDownLatch releaseFirstCommit = new CountDownLatch(1);
    private final CountDownLatch firstCommitStarted = new CountDownLatch(1);
    private final HeldCommitProducer producer = new HeldCommitProducer(firstCommitStarted, releaseFirstCommit);
    private TransactionalPublisher publisher;

    @AfterEach
    void close() {
        releaseFirstCommit.countDown();
        publisher.close();
    }

    @Test
    void shouldCommitTheNextMessagesOfSendersThatACommitAnsweredTogether() throws Exception {
        publisher = publisher(new GatherTimings(LONG, LONG, LONG));
        answerTwoSendersInOneCommit();

        CompletableFuture<Void> c = submit("c");
        assertThatThrownBy(() -> c.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class); // still gathering
        CompletableFuture<Void> d = submit("d");
        CompletableFuture.allOf(c, d).get(10, TimeUnit.SECONDS); // both answered senders are back: no quiet spell waited out

        assertThat(producer.committed).containsExactly(List.of("first"), List.of("a", "b"), List.of("c", "d"));
    }

    @Test
    void shouldEndABurstAfterAQuietSpellWhenNotEveryAnsweredSenderSendsAgain() throws Exception {
        publisher = publisher(new GatherTimings(LONG, TimeUnit.SECONDS.toNanos(1), LONG));
        answerTwoSendersInOneCommit();

        submit("c").get(10, TimeUnit.SECONDS); // "b"'s sender is gone: one quiet second ends the burst

        assertThat(producer.committed).containsExactly(List.of("first"), List.of("a", "b"), List.of("c"));
    }

    @Test
    void shouldNotMakeALoneSenderWaitForABurst() throws Exception {
        publisher = publisher(new GatherTimings(LONG, LONG, LONG));
        releaseFirstCommit.countDown();

        submit("x").get(10, TimeUnit.SECONDS);
        submit("y").get(10, TimeUnit.SECONDS); // the commit before answered only this sender

        assertThat(producer.committed).containsExactly(List.of("x"), List.of("y"));
    }

    @Test
    void shouldEndABurstAtItsTimeLimitEvenWhileMessagesMightStillCome() throws Exception {
        publisher = publisher(new GatherTimings(LONG, LONG, TimeUnit.MILLISECONDS.toNanos(300)));
        answerTwoSendersInOneCommit();

        submit("c").get(10, TimeUnit.SECONDS); // the 30 s quiet spell is never waited out

        assertThat(producer.committed).containsExactly(List.of("first"), List.of("a", "b"), List.of("c"));
    }

    // "first" commits alone; "a" and "b" arrive while it is held and commit together: the last commit answered two.
    private void answerTwoSendersInOneCommit() throws Exception {
        submit("first");
        assertThat(firstCommitStarted.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> a = submit("a");
        CompletableFuture<Void> b = submit("b");
        releaseFirstCommit.countDown();
        CompletableFuture.allOf(a, b).get(10, TimeUnit.SECONDS);
    }

    private TransactionalPublisher publisher(GatherTimings timings) {
        return new TransactionalPublisher(new PublisherSettings("unused:9092", "test", 1, 500, Duration.ofSeconds(60), Map.of()),
                id -> producer, timings);
    }

    private CompletableFuture<Void> submit(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return publisher.submit(List.of(new ProducerRecord<>("t", bytes, bytes)), name);
    }
}

package org.openspr.ingest.publish;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A transactional mock producer that holds the first commit made through any producer sharing its latches until
 * released, and records the keys each commit carried.
 */
final class HeldCommitProducer extends MockProducer<byte[], byte[]> {
    final List<List<String>> committed = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstCommitStarted;
    private final CountDownLatch releaseFirstCommit;

    HeldCommitProducer(CountDownLatch firstCommitStarted, CountDownLatch releaseFirstCommit) {
        super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        this.firstCommitStarted = firstCommitStarted;
        this.releaseFirstCommit = releaseFirstCommit;
        initTransactions();
    }

    @Override
    public void commitTransaction() {
        if (firstCommitStarted.getCount() > 0) {
            firstCommitStarted.countDown();
            try {
                releaseFirstCommit.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<ProducerRecord<byte[], byte[]>> sent = uncommittedRecords();
        super.commitTransaction();
        committed.add(sent.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).toList());
    }
}

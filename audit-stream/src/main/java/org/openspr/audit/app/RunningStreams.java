package org.openspr.audit.app;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.openspr.audit.AuditErrorCode;
import org.openspr.events.errors.SprException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Streams instance of the audit module, started at once: its state changes are logged under its name, and
 * {@link #awaitRunning} waits for the first RUNNING (restoration done). {@link #close()} leaves the consumer group, so
 * the next start does not wait out the session timeout.
 */
final class RunningStreams implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunningStreams.class);
    private final String name;
    private final KafkaStreams streams;
    private final CountDownLatch running = new CountDownLatch(1);

    RunningStreams(String name, Topology topology, Properties properties) {
        this.name = name;
        this.streams = new KafkaStreams(topology, properties);
        streams.setStateListener((now, before) -> {
            LOG.info("{} {} -> {}", name, before, now);
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.start();
    }

    /** Blocks until the instance has finished restoring and is processing, or throws SPR-5003. */
    void awaitRunning(Duration timeout) {
        try {
            if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SprException(AuditErrorCode.LEDGER_APP_NOT_RUNNING, name, timeout, streams.state());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SprException(e, AuditErrorCode.LEDGER_APP_NOT_RUNNING, name, timeout, "interrupted");
        }
    }

    KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
    }
}

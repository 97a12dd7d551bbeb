package org.openspr.projector.app;

import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.streams.KafkaStreams;
import org.openspr.events.errors.SprException;
import org.openspr.projector.ProjectorErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record projector an instance serves reads from, switched without downtime when {@code spr rebuild} writes a new
 * application id to the projection control topic: the new projection is started beside the old one (restoring its
 * stores from the rebuilt changelogs), readers are moved over once it is RUNNING, and only then is the old one
 * closed. Until the new one runs, the old one keeps answering; if it cannot start, the old one stays (SPR-3010).
 * Readers take the current Streams instance through {@link #get()} on every request.
 */
public final class ServingProjector implements Supplier<KafkaStreams>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServingProjector.class);
    /** Readers that took the old instance just before the switch finish within this. */
    private static final Duration DRAIN = Duration.ofSeconds(2);

    private final ProjectorConfig base;
    private final ProjectionControl control;
    private final Duration restoreTimeout;
    private final CopyOnWriteArrayList<Consumer<String>> switchListeners = new CopyOnWriteArrayList<>();
    private volatile RecordProjectorApp current;
    private volatile boolean closed;
    private KafkaConsumer<String, String> follower;
    private Thread followerThread;

    /**
     * @param base           configuration; its application id serves when the control topic has no entry
     * @param restoreTimeout how long a switched-to projection may take to restore before the switch is abandoned
     */
    public ServingProjector(ProjectorConfig base, Duration restoreTimeout) {
        this.base = base;
        this.control = new ProjectionControl(base.adminProperties());
        this.restoreTimeout = restoreTimeout;
    }

    /** Reads which application id serves, starts it, and follows the control topic for switches. */
    public synchronized ServingProjector start() {
        // Topics first: the control topic may not exist yet on a fresh cluster.
        RecordProjectorApp.ensureTopics(base);
        follower = control.followerAtEnd();
        follower.position(follower.assignment().iterator().next()); // pin "the end" before reading what is active
        String active = control.activeApplicationId(base.applicationId(), Duration.ofSeconds(30));
        current = new RecordProjectorApp(base.withApplicationId(active)).start();
        LOG.info("Serving the record projection of application id {}", active);
        followerThread = new Thread(this::follow, "spr-projection-switch-follower");
        followerThread.setDaemon(true);
        followerThread.start();
        return this;
    }

    /** Called with the new application id after each switch (e.g. to print it). */
    public void onSwitch(Consumer<String> listener) {
        switchListeners.add(listener);
    }

    /** Waits until the serving projector is RUNNING for the first time. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return current.awaitRunning(timeout);
    }

    @Override
    public KafkaStreams get() {
        return current.streams();
    }

    /** The projector now serving reads. */
    public RecordProjectorApp current() {
        return current;
    }

    public String applicationId() {
        return current.applicationId();
    }

    private void follow() {
        try {
            while (!closed) {
                try {
                    for (ConsumerRecord<String, String> record : follower.poll(Duration.ofSeconds(1))) {
                        ProjectionControl.next(current.applicationId(), record).ifPresent(this::switchTo);
                    }
                } catch (WakeupException e) {
                    // close() woke us; the loop condition ends it
                } catch (KafkaException e) {
                    // A broker restart or a network problem: keep following once the cluster answers again.
                    LOG.warn("Reading the projection control topic failed; retrying in 1 s", e);
                    pause(Duration.ofSeconds(1));
                }
            }
        } finally {
            follower.close();
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void switchTo(String applicationId) {
        RecordProjectorApp previous = current;
        LOG.info("Switching the record projection from {} to {}", previous.applicationId(), applicationId);
        RecordProjectorApp next = new RecordProjectorApp(base.withApplicationId(applicationId));
        try {
            next.start();
            if (!next.awaitRunning(restoreTimeout)) {
                throw new IllegalStateException("not RUNNING after " + restoreTimeout + " (state " + next.streams().state() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            next.close();
            return;
        } catch (RuntimeException e) {
            LOG.error(new SprException(e, ProjectorErrorCode.SWITCH_FAILED, applicationId, e.getMessage(), previous.applicationId())
                    .getMessage(), e);
            next.close();
            return;
        }
        synchronized (this) {
            if (closed) {
                next.close();
                return;
            }
            current = next;
        }
        LOG.info("Record projection switched to {}; closing {}", applicationId, previous.applicationId());
        switchListeners.forEach(listener -> listener.accept(applicationId));
        pause(DRAIN);
        previous.close();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        if (follower != null) {
            follower.wakeup();
        }
        if (followerThread != null) {
            try {
                followerThread.join(Duration.ofSeconds(40).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        RecordProjectorApp serving = current;
        if (serving != null) {
            serving.close();
        }
    }
}

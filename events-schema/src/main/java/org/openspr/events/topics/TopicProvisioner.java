package org.openspr.events.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Creates the catalogue's topics if they are missing; existing topics are left exactly as they are. */
public final class TopicProvisioner {
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(30);
    private final Admin admin;
    private final short replicationFactor;

    public TopicProvisioner(Admin admin, short replicationFactor) {
        this.admin = admin;
        this.replicationFactor = replicationFactor;
    }

    /** Creates whichever of the definitions do not exist yet; returns the names it created. */
    public List<String> ensure(Collection<TopicDefinition> definitions) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (TopicDefinition definition : definitions) {
                if (!existing.contains(definition.name())) {
                    missing.add(new NewTopic(definition.name(), definition.partitions(), replicationFactor)
                            .configs(definition.configs()));
                }
            }
            List<String> created = new ArrayList<>();
            List<String> waitFor = new ArrayList<>();
            for (NewTopic topic : missing) {
                waitFor.add(topic.name());
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                    created.add(topic.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e; // created concurrently by another instance is fine; anything else is not
                    }
                }
            }
            awaitLeaders(waitFor);
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create topics: " + reason(e), e);
        }
    }

    // A timeout of ours has no message; say what it means.
    private static String reason(Exception e) {
        if (e instanceof TimeoutException) {
            return "the cluster did not answer within 30 s (are the bootstrap servers right, and is it up?)";
        }
        return e.getCause() != null ? e.getCause().toString() : e.toString();
    }

    /**
     * Waits until every partition of these topics has a leader. A topic is usable only then: a client that looks at a
     * topic created a moment ago can see no partitions (Kafka Streams' global store thread then fails to start), and
     * an idempotent producer writing to it at once can be refused with out-of-order sequence errors, forever.
     */
    public void awaitLeaders(List<String> topics) throws InterruptedException {
        try {
            waitForLeaders(topics);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not describe topics " + topics + ": " + reason(e), e);
        }
    }

    private void waitForLeaders(List<String> topics) throws InterruptedException, ExecutionException, TimeoutException {
        if (topics.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + LEADER_TIMEOUT.toNanos();
        while (true) {
            List<String> leaderless = new ArrayList<>();
            try {
                Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
                described.forEach((name, description) -> {
                    if (description.partitions().stream().anyMatch(p -> p.leader() == null || p.leader().isEmpty())) {
                        leaderless.add(name);
                    }
                });
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                leaderless.addAll(topics); // not in the metadata yet
            }
            if (leaderless.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics created but without a partition leader after " + LEADER_TIMEOUT.toSeconds()
                        + " s: " + leaderless);
            }
            Thread.sleep(50);
        }
    }
}

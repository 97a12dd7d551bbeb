package org.openspr.events.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the catalogue's topics if they are missing; existing topics are left exactly as they are. */
public final class TopicProvisioner {
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
            for (NewTopic topic : missing) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                    created.add(topic.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e; // created concurrently by another instance is fine; anything else is not
                    }
                }
            }
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create topics: " + e.getMessage(), e);
        }
    }
}

package org.openspr.projector.app;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.openspr.events.topics.Topics;

/**
 * Where a record projector (a Streams application, i.e. a consumer group) stands on its input topics and its own
 * repartition topics, read with the admin client only: committed offsets against the last committed (read_committed)
 * end offsets; a partition the group never committed counts from its earliest offset. Works for an application running
 * in another process or on another machine. Under exactly-once, a committed offset means the outputs and state changes
 * before it are committed too.
 */
public final class ProjectorGroupLag {
    private static final List<String> INPUT_TOPICS = List.of(Topics.CLINICAL_EVENTS.name(), Topics.IDENTITY_EVENTS.name());

    private final Admin admin;

    public ProjectorGroupLag(Admin admin) {
        this.admin = admin;
    }

    /** The repartition topics a projector with this application id writes and reads. */
    public static List<String> repartitionTopics(String applicationId) {
        return List.of(applicationId + "-" + ProjectorTopology.EVENTS_BY_NHS_NUMBER + "-repartition",
                applicationId + "-" + ProjectorTopology.LINKS_BY_LOCAL_ID + "-repartition");
    }

    /**
     * A projector's position: offsets read on the input topics (clinical and identity events) out of those there are, and
     * offsets not yet processed anywhere (inputs and repartition topics).
     */
    public record Position(long inputRead, long inputTotal, long lag) {
    }

    public Position of(String applicationId) throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = committed(applicationId);
        List<TopicPartition> inputs = partitions(INPUT_TOPICS);
        List<TopicPartition> all = new ArrayList<>(inputs);
        // Repartition topics exist once the application first ran; a partition it never committed still counts.
        Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
        all.addAll(partitions(repartitionTopics(applicationId).stream().filter(existing::contains).toList()));
        committed.keySet().stream().filter(tp -> !all.contains(tp)).forEach(all::add);
        Map<TopicPartition, Long> start = offsets(all, OffsetSpec.earliest());
        Map<TopicPartition, Long> end = offsets(all, OffsetSpec.latest());
        long read = 0;
        long total = 0;
        long lag = 0;
        for (TopicPartition tp : all) {
            long from = start.getOrDefault(tp, 0L);
            OffsetAndMetadata at = committed.get(tp);
            long position = at == null ? from : at.offset();
            long last = end.getOrDefault(tp, position);
            lag += Math.max(0, last - position);
            if (inputs.contains(tp)) {
                read += Math.max(0, position - from);
                total += Math.max(0, last - from);
            }
        }
        return new Position(read, total, lag);
    }

    /** True if the group has committed offsets anywhere, i.e. an application under that id has run. */
    public boolean hasState(String groupId) throws ExecutionException, InterruptedException, TimeoutException {
        return !committed(groupId).isEmpty();
    }

    /** Members of the group now (instances of the application that are running). */
    public int members(String groupId) throws InterruptedException, TimeoutException, ExecutionException {
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(groupId)).all()
                    .get(15, TimeUnit.SECONDS).get(groupId);
            return description == null ? 0 : description.members().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return 0;
            }
            throw e;
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(String groupId)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                    .get(15, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> present = new HashMap<>();
            offsets.forEach((tp, offset) -> {
                if (offset != null) {
                    present.put(tp, offset);
                }
            });
            return present;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Map.of();
            }
            throw e;
        }
    }

    private List<TopicPartition> partitions(List<String> topics) throws ExecutionException, InterruptedException, TimeoutException {
        List<TopicPartition> partitions = new ArrayList<>();
        if (topics.isEmpty()) {
            return partitions;
        }
        admin.describeTopics(topics).allTopicNames().get(15, TimeUnit.SECONDS).forEach((name, description) ->
                description.partitions().forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
        return partitions;
    }

    private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, Long> result = new HashMap<>();
        admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> result.put(tp, info.offset()));
        return result;
    }
}

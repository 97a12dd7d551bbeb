package org.openspr.cli.rebuild;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

/**
 * Where a Streams application (a consumer group) stands on its input topics and its own repartition topics, read with
 * the admin client only: committed offsets against the last committed (read_committed) end offsets. Works for an
 * application running in another process or on another machine.
 */
public final class ConsumerGroupLag {
    private final Admin admin;
    private final List<String> inputTopics;

    public ConsumerGroupLag(Admin admin, List<String> inputTopics) {
        this.admin = admin;
        this.inputTopics = List.copyOf(inputTopics);
    }

    /** A group's position: records read from the input topics, and records not yet processed anywhere. */
    public record Position(long inputRead, long inputTotal, long lag) {
    }

    public Position of(String groupId) throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = committed(groupId);
        List<TopicPartition> inputs = inputPartitions();
        List<TopicPartition> all = new ArrayList<>(inputs);
        committed.keySet().stream().filter(tp -> !inputs.contains(tp)).forEach(all::add);
        Map<TopicPartition, Long> start = offsets(inputs, OffsetSpec.earliest());
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

    private List<TopicPartition> inputPartitions() throws ExecutionException, InterruptedException, TimeoutException {
        List<TopicPartition> partitions = new ArrayList<>();
        admin.describeTopics(inputTopics).allTopicNames().get(15, TimeUnit.SECONDS).forEach((name, description) ->
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

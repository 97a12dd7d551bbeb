package org.openspr.projector.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.openspr.events.topics.Topics;
import org.openspr.projector.app.ProjectorTopology;

/**
 * How far a Streams application's consumer group is behind, as an operator would see it from outside: for every
 * partition of the given topics, end offset minus the group's committed offset (all of it when nothing is committed).
 * Under exactly-once a committed offset means the outputs and state changes before it are committed too.
 */
public final class GroupLag {
    private GroupLag() {
    }

    public static long of(Admin admin, String groupId, Iterable<String> topics) {
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String topic : topics) {
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
            long lag = 0;
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                lag += Math.max(0, end.getValue().offset() - (at == null ? 0 : at.offset()));
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The topics a projector with this application id consumes: its inputs and its repartition topics. */
    public static List<String> projectorInputs(String applicationId) {
        return List.of(Topics.CLINICAL_EVENTS.name(), Topics.IDENTITY_EVENTS.name(),
                applicationId + "-" + ProjectorTopology.EVENTS_BY_NHS_NUMBER + "-repartition",
                applicationId + "-" + ProjectorTopology.LINKS_BY_LOCAL_ID + "-repartition");
    }
}

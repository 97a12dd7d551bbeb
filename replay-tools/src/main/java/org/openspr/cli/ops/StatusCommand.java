package org.openspr.cli.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.openspr.cli.KafkaOptions;
import org.openspr.cli.rebuild.ChangelogSnapshot;
import org.openspr.events.registry.RestSchemaRegistryClient;
import org.openspr.events.registry.SchemaRegistryException;
import org.openspr.events.topics.TopicDefinition;
import org.openspr.events.topics.Topics;
import org.openspr.projector.app.ProjectionControl;
import org.openspr.projector.app.ProjectorConfig;
import org.openspr.projector.record.RecordStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spr status}: the cluster, the platform's topics with their record counts, consumer lag, registry subjects. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show brokers, topics (records, partitions), consumer groups with lag, and schema registry subjects.")
public final class StatusCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--stores", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Count the record projector's store entries and parked events by reading their changelogs "
                    + "(--no-stores skips it on large clusters). Default: ${DEFAULT-VALUE}")
    boolean stores;

    @Override
    public Integer call() throws Exception {
        try (Admin admin = kafka.admin()) {
            DescribeClusterResult cluster = admin.describeCluster();
            System.out.printf("cluster %s: %d broker(s), controller %s%n", cluster.clusterId().get(15, TimeUnit.SECONDS),
                    cluster.nodes().get(15, TimeUnit.SECONDS).size(), cluster.controller().get(15, TimeUnit.SECONDS).idString());
            Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            printTopics(admin, existing);
            printGroups(admin);
            if (existing.contains(Topics.PROJECTION_CONTROL.name())) {
                String serving = new ProjectionControl(kafka.clientProperties()).activeApplicationId(ProjectorConfig.DEFAULT_APPLICATION_ID,
                        Duration.ofSeconds(15));
                System.out.printf("%nrecord projection served by application id %s (spr rebuild switches it)%n", serving);
                if (stores) {
                    printStores(serving, existing);
                }
            }
        }
        printSubjects(kafka.registry());
        return 0;
    }

    /** Entries per record-projector store and events parked for unknown patients, read from the changelogs. */
    private void printStores(String applicationId, Set<String> existing) {
        System.out.printf("  %-36s %10s%n", "store", "entries");
        for (String store : List.of(RecordStores.RECORD_ITEMS, RecordStores.TIMELINE, RecordStores.IDENTITY_LINKS,
                RecordStores.PARKED_EVENTS, RecordStores.UNAPPLIED_EVENTS, RecordStores.ITEM_INDEX, RecordStores.FACT_INDEX)) {
            if (existing.contains(ChangelogSnapshot.changelogTopic(applicationId, store))) {
                System.out.printf("  %-36s %10d%n", store, ChangelogSnapshot.read(kafka.clientProperties(), applicationId, store,
                        Duration.ofMinutes(5), false).size());
            }
        }
        if (existing.contains(ChangelogSnapshot.changelogTopic(applicationId, RecordStores.PARKED_COUNTS))) {
            Map<String, byte[]> parked = ChangelogSnapshot.read(kafka.clientProperties(), applicationId, RecordStores.PARKED_COUNTS,
                    Duration.ofMinutes(5), true).values();
            LongDeserializer counts = new LongDeserializer();
            long[] perIdentifier = parked.values().stream().mapToLong(v -> counts.deserialize("", v)).filter(n -> n > 0).toArray();
            System.out.printf("  parked: %d event(s) waiting for %d unknown local identifier(s) to be linked to an NHS number%n",
                    Arrays.stream(perIdentifier).sum(), perIdentifier.length);
        }
    }

    private static void printTopics(Admin admin, Set<String> existing) throws Exception {
        Set<String> names = new TreeSet<>();
        Map<String, String> purposes = new java.util.HashMap<>();
        for (TopicDefinition definition : Topics.definitions()) {
            names.add(definition.name());
            purposes.put(definition.name(), definition.purpose());
        }
        existing.stream().filter(n -> n.startsWith("spr") || n.endsWith(".dlq")).forEach(names::add);
        String row = "  %-" + width(names) + "s %10s %6s  %s%n";
        System.out.printf("%ntopics (offsets: records plus transaction markers)%n" + row, "name", "offsets", "parts", "purpose");
        List<String> present = names.stream().filter(existing::contains).toList();
        Map<String, TopicDescription> descriptions = admin.describeTopics(present).allTopicNames().get(30, TimeUnit.SECONDS);
        List<TopicPartition> partitions = new ArrayList<>();
        descriptions.values().forEach(d -> d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
        Map<TopicPartition, Long> earliest = offsets(admin, partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> latest = offsets(admin, partitions, OffsetSpec.latest());
        for (String name : names) {
            if (!existing.contains(name)) {
                System.out.printf(row, name, "missing", "-", purposes.getOrDefault(name, ""));
                continue;
            }
            long records = partitions.stream().filter(p -> p.topic().equals(name))
                    .mapToLong(p -> latest.get(p) - earliest.get(p)).sum();
            System.out.printf(row, name, records, descriptions.get(name).partitions().size(),
                    purposes.getOrDefault(name, internalPurpose(name)));
        }
    }

    private static void printGroups(Admin admin) throws Exception {
        Collection<ConsumerGroupListing> groups = admin.listConsumerGroups().all().get(15, TimeUnit.SECONDS);
        System.out.printf("%nconsumer groups%n");
        if (groups.isEmpty()) {
            System.out.println("  (none)");
        }
        for (ConsumerGroupListing group : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get(15, TimeUnit.SECONDS);
            Map<TopicPartition, Long> ends = offsets(admin, committed.keySet(), OffsetSpec.latest());
            long lag = committed.entrySet().stream().filter(e -> e.getValue() != null)
                    .mapToLong(e -> Math.max(0, ends.get(e.getKey()) - e.getValue().offset())).sum();
            System.out.printf("  %-40s lag %d over %d partition(s)%n", group.groupId(), lag, committed.size());
        }
    }

    private static void printSubjects(RestSchemaRegistryClient registry) {
        System.out.printf("%nschema registry %s%n", registry.describe());
        try {
            List<String> subjects = registry.subjects();
            String row = "  %-" + width(subjects) + "s versions %s, compatibility %s%n";
            for (String subject : subjects) {
                System.out.printf(row, subject, registry.versions(subject), registry.getCompatibility(subject));
            }
        } catch (SchemaRegistryException e) {
            System.out.println("  " + e.getMessage());
        }
    }

    // The first column is as wide as its longest entry (Streams' internal topic names run to 60 characters and more).
    private static int width(Collection<String> names) {
        return Math.max(40, names.stream().mapToInt(String::length).max().orElse(0));
    }

    private static String internalPurpose(String name) {
        if (name.endsWith("-changelog")) {
            return "Kafka Streams: changelog of a state store (restores it)";
        }
        return name.endsWith("-repartition") ? "Kafka Streams: re-keyed records between sub-topologies" : "";
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, Collection<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin.listOffsets(request).all().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new java.util.HashMap<>();
        result.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }
}

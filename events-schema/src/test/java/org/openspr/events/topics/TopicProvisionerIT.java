package org.openspr.events.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openspr.embedded.junit.LocalPlatformExtension;

class TopicProvisionerIT {
    @RegisterExtension
    static final LocalPlatformExtension platform = new LocalPlatformExtension();

    @Test
    void shouldReturnOnlyWhenEveryCreatedPartitionHasALeader() {
        // Test-only topics: the provisioner itself is under test, not the catalogue.
        List<TopicDefinition> definitions = List.of(
                new TopicDefinition("it.provisioner.compacted", 1, true, -1, "test"),
                new TopicDefinition("it.provisioner.events", 12, false, -1, "test"));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()));
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                     platform.bootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<String> created = new TopicProvisioner(admin, (short) 1).ensure(definitions);

            // What Kafka Streams' global store thread asks right after start-up: every partition, each with a leader.
            List<PartitionInfo> events = consumer.partitionsFor("it.provisioner.events");
            assertThat(created).containsExactly("it.provisioner.compacted", "it.provisioner.events");
            assertThat(events).hasSize(12).allSatisfy(p -> assertThat(p.leader()).isNotNull());
            assertThat(consumer.partitionsFor("it.provisioner.compacted")).hasSize(1);
            assertThat(new TopicProvisioner(admin, (short) 1).ensure(definitions)).isEmpty();
        }
    }
}

package org.openspr.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openspr.embedded.junit.LocalPlatformExtension;
import org.openspr.embedded.kafka.EmbeddedKafkaBroker;

class LocalPlatformIT {
    @RegisterExtension
    static final LocalPlatformExtension platform = new LocalPlatformExtension();

    private static final String SCHEMA_V1 = "{\"type\":\"record\",\"name\":\"Probe\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}";

    @Test
    void shouldKeepEveryRecordAndSchemaAcrossARestart() throws Exception {
        String topic = "restart-probe";
        int n = 5_000;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            // Producing before every partition has a leader can make the idempotent producer retry its first batch
            // out of sequence until delivery times out: wait for the leaders, as the platform's services do.
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.describeTopics(List.of(topic)).allTopicNames().get()
                    .get(topic).partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < n; i++) {
                sent.add(producer.send(new ProducerRecord<>(topic, "k" + (i % 97), "v" + i)));
            }
            producer.flush();
        }
        for (Future<RecordMetadata> record : sent) {
            record.get(); // every record acknowledged before the restart, or the test fails here with the cause
        }
        String registered = post("/subjects/probe-value/versions", "{\"schema\":" + quote(SCHEMA_V1) + "}").body();

        platform.restart();

        assertThat(readAll(topic)).hasSize(n).contains("v0", "v" + (n - 1));
        HttpResponse<String> afterRestart = get("/subjects/probe-value/versions/1");
        assertThat(afterRestart.statusCode()).isEqualTo(200);
        assertThat(afterRestart.body()).contains("\"id\":" + registered.replaceAll("\\D", ""));
        assertThat(post("/subjects/probe-value/versions", "{\"schema\":" + quote(SCHEMA_V1) + "}").body()).isEqualTo(registered);
    }

    @Test
    void shouldRefuseToStartASecondBrokerOnAPortInUse() {
        int port = Integer.parseInt(platform.bootstrapServers().substring(platform.bootstrapServers().lastIndexOf(':') + 1));
        EmbeddedKafkaBroker second = new EmbeddedKafkaBroker(platform.dataDir().resolve("second"), port, port + 1, Map.of());
        assertThatThrownBy(second::start)
                .isInstanceOf(LocalPlatformException.class)
                .hasMessageStartingWith("SPR-1302")
                .hasMessageContaining("port " + port);
    }

    private List<String> readAll(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.schemaRegistryUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.schemaRegistryUrl() + path))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String quote(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

package org.openspr.ingest.mllp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openspr.embedded.junit.LocalPlatformExtension;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.ingest.IngestRuntime;
import org.openspr.ingest.IngestSettings;
import org.openspr.ingest.map.SourceDefaults;
import org.openspr.ingest.publish.PublisherSettings;
import org.openspr.ingest.support.Hl7Messages;
import org.openspr.ingest.support.MllpTestClient;
import org.openspr.ingest.support.TopicReader;

/**
 * Kafka down for several times as long as the publish lanes' producers wait for it: every message meanwhile is answered
 * "re-send" ({@code AR}) within the publish timeout, the lanes' commits fail rather than hang, and once Kafka is back the
 * service takes messages again without a restart of its own. (The harder case, where Kafka cannot give a lane a new
 * producer, is {@code ProducerReplacementTest}'s.)
 */
class KafkaOutageIT {
    @RegisterExtension
    static final LocalPlatformExtension platform = new LocalPlatformExtension();
    private static IngestRuntime runtime;
    private static MllpServer server;

    @BeforeAll
    static void start() {
        // Producers that give up within seconds, not minutes, so that the outage outlasts them quickly.
        Map<String, String> quickToGiveUp = Map.of(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "3000",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "1000", ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000");
        PublisherSettings publisher = new PublisherSettings(platform.bootstrapServers(), "it-outage", 2, 500, Duration.ofSeconds(2),
                quickToGiveUp);
        runtime = IngestRuntime.start(new IngestSettings(platform.schemaRegistryUrl(), publisher, new SourceDefaults("spr-ingest", "UNKNOWN"),
                false, true, (short) 1));
        server = new MllpServer(new MllpSettings("127.0.0.1", 0, 8, 256 * 1024, Duration.ofSeconds(300)), runtime.pipeline()).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        runtime.close();
    }

    @Test
    void shouldTakeMessagesAgainOnceKafkaIsBackAfterAnOutageLongerThanItsProducersWait() throws Exception {
        try (MllpTestClient mllp = new MllpTestClient(server.port())) {
            assertThat(MllpTestClient.ackCode(mllp.send(Hl7Messages.oru("OUT-1", 8001)))).isEqualTo("AA");

            platform.stop();
            long downUntil = System.nanoTime() + Duration.ofSeconds(20).toNanos(); // several times what the producers wait
            int i = 2;
            while (System.nanoTime() < downUntil) {
                String id = "OUT-" + i++;
                assertThat(mllp.send(Hl7Messages.oru(id, 8000 + i))).as("while Kafka is down").contains("MSA|AR|" + id);
            }
            platform.start();

            String back = "OUT-BACK";
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            String answer = mllp.send(Hl7Messages.oru(back, 8999));
            while (!answer.contains("MSA|AA|") && System.nanoTime() < deadline) { // the sender re-sends, as engines do
                Thread.sleep(500);
                answer = mllp.send(Hl7Messages.oru(back, 8999));
            }
            assertThat(answer).as("once Kafka is back").contains("MSA|AA|" + back);
            assertThat(MllpTestClient.ackCode(mllp.send(Hl7Messages.oru("OUT-AFTER", 8998)))).isEqualTo("AA");
        }
        assertThat(runtime.pipeline().publisher().stats().snapshot().failed()).as("commits that failed during the outage").isPositive();
        List<ConsumerRecord<String, ClinicalEvent>> events = TopicReader.readMatching(platform.bootstrapServers(),
                runtime.topics().clinicalEvents(), r -> r.value().getSource().getMessageId().equals("OUT-AFTER"), 3, Duration.ofSeconds(30));
        assertThat(events).hasSize(3);
    }
}

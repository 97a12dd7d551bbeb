package org.openspr.ingest.mllp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openspr.embedded.junit.LocalPlatformExtension;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.ingest.IngestRuntime;
import org.openspr.ingest.IngestSettings;
import org.openspr.ingest.publish.PublisherStats;
import org.openspr.ingest.support.Hl7Messages;
import org.openspr.ingest.support.MllpTestClient;
import org.openspr.ingest.support.TopicReader;

/** Many MLLP connections at once share transactions (group commit), yet each gets its own AA and its events once. */
class MllpGroupCommitIT {
    @RegisterExtension
    static final LocalPlatformExtension platform = new LocalPlatformExtension();
    private static IngestRuntime runtime;
    private static MllpServer server;

    @BeforeAll
    static void start() {
        runtime = IngestRuntime.start(IngestSettings.local(platform.bootstrapServers(), platform.schemaRegistryUrl())
                .withTransactionalIdPrefix("it-mllp-group"));
        server = new MllpServer(new MllpSettings("127.0.0.1", 0, 64, 64 * 1024, Duration.ofSeconds(20)), runtime.pipeline()).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        runtime.close();
    }

    @Test
    void shouldAcceptEveryMessageOfManyConcurrentConnectionsAndWriteEachMessagesEventsExactlyOnce() throws Exception {
        int connections = 32;
        int perConnection = 15;
        String run = "G" + UUID.randomUUID().toString().substring(0, 8) + "-";
        PublisherStats.Snapshot before = runtime.pipeline().publisher().stats().snapshot();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<List<String>>> acks = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int connection = c;
            acks.add(pool.submit(() -> {
                List<String> codes = new ArrayList<>();
                try (MllpTestClient mllp = new MllpTestClient(server.port())) {
                    for (int i = 0; i < perConnection; i++) {
                        String id = run + connection + "-" + i;
                        String ack = mllp.send(Hl7Messages.oru(id, 7000 + connection * 100 + i));
                        assertThat(ack).contains("MSA|AA|" + id);
                        codes.add(MllpTestClient.ackCode(ack));
                    }
                }
                return codes;
            }));
        }
        for (Future<List<String>> f : acks) {
            assertThat(f.get()).hasSize(perConnection).containsOnly("AA");
        }
        pool.shutdown();
        PublisherStats.Snapshot used = runtime.pipeline().publisher().stats().snapshot().minus(before);

        int messages = connections * perConnection;
        List<ConsumerRecord<String, ClinicalEvent>> records = TopicReader.readMatching(platform.bootstrapServers(),
                runtime.topics().clinicalEvents(), r -> r.value().getProvenance().getRawMessageId().startsWith(run), messages * 3,
                Duration.ofSeconds(60));
        Map<String, Long> eventsPerMessage = records.stream()
                .collect(Collectors.groupingBy(r -> r.value().getProvenance().getRawMessageId(), Collectors.counting()));
        assertThat(eventsPerMessage).hasSize(messages).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(3L));
        assertThat(records.stream().collect(Collectors.groupingBy(r -> r.value().getEventId(), Collectors.counting())))
                .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
        assertThat(used.messages()).isEqualTo(messages);
        assertThat(used.commits()).as("messages from different connections shared transactions").isLessThan(messages);
        assertThat(used.failed()).isZero();
    }
}

package org.openspr.ingest.mllp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
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
import org.openspr.ingest.IngestHeaders;
import org.openspr.ingest.IngestRuntime;
import org.openspr.ingest.IngestSettings;
import org.openspr.ingest.support.Fixtures;
import org.openspr.ingest.support.Hl7Messages;
import org.openspr.ingest.support.MllpTestClient;
import org.openspr.ingest.support.TopicReader;

class MllpIngestIT {
    @RegisterExtension
    static final LocalPlatformExtension platform = new LocalPlatformExtension();
    private static final int MAX_BYTES = 256 * 1024;
    private static IngestRuntime runtime;
    private static MllpServer server;

    @BeforeAll
    static void start() {
        runtime = IngestRuntime.start(IngestSettings.local(platform.bootstrapServers(), platform.schemaRegistryUrl())
                .withTransactionalIdPrefix("it-mllp"));
        server = new MllpServer(new MllpSettings("127.0.0.1", 0, 32, MAX_BYTES, Duration.ofSeconds(20)), runtime.pipeline()).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        runtime.close();
    }

    @Test
    void shouldAcknowledgeConcurrentSendersOnlyAfterCommitAndKeepEventIdsUniqueAcrossAResend() throws Exception {
        int clients = 8;
        int perClient = 25;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<List<String>>> acks = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            acks.add(pool.submit(() -> {
                List<String> codes = new ArrayList<>();
                try (MllpTestClient mllp = new MllpTestClient(server.port())) {
                    for (int i = 0; i < perClient; i++) {
                        String id = "C" + client + "-" + i;
                        String ack = mllp.send(Hl7Messages.oru(id, client * 1000 + i));
                        assertThat(ack).contains("MSA|AA|" + id);
                        codes.add(MllpTestClient.ackCode(ack));
                    }
                }
                return codes;
            }));
        }
        for (Future<List<String>> f : acks) {
            assertThat(f.get()).hasSize(perClient).containsOnly("AA");
        }
        try (MllpTestClient again = new MllpTestClient(server.port())) { // the sender crashed before seeing these ACKs
            for (int i = 0; i < perClient; i++) {
                assertThat(MllpTestClient.ackCode(again.send(Hl7Messages.oru("C0-" + i, i)))).isEqualTo("AA");
            }
        }
        pool.shutdown();

        int unique = clients * perClient * 3;
        List<ConsumerRecord<String, ClinicalEvent>> records = TopicReader.readAtLeast(platform.bootstrapServers(),
                runtime.topics().clinicalEvents(), unique + perClient * 3, Duration.ofSeconds(60)).stream()
                .filter(r -> r.value().getSource().getMessageId().matches("C\\d+-\\d+")).toList(); // not the other tests' messages
        Set<String> eventIds = records.stream().map(r -> r.value().getEventId()).collect(Collectors.toSet());
        assertThat(eventIds).hasSize(unique);
        assertThat(records).hasSize(unique + perClient * 3); // the re-send repeats records, never with new ids
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getPatient().getNhsNumber()));
    }

    @Test
    void shouldAnswerBadInputWithAnErrorAndServeTheNextMessage() throws Exception {
        try (MllpTestClient mllp = new MllpTestClient(server.port())) {
            mllp.sendRaw("this is not HL7\u001c\r".getBytes(StandardCharsets.US_ASCII));
            assertThat(mllp.readAck()).contains("MSA|AE").contains("SPR-2003");

            String good = Hl7Messages.oru("BAD-1", 5001);
            mllp.sendRaw(("\u000bMSH|^~\\&|CUT|OFF|").getBytes(StandardCharsets.US_ASCII));
            assertThat(mllp.sendFramed(good.getBytes(StandardCharsets.UTF_8))).as("truncated frame answered").contains("SPR-2006");
            assertThat(MllpTestClient.ackCode(mllp.readAck())).isEqualTo("AA");

            byte[] huge = new byte[MAX_BYTES + 10];
            Arrays.fill(huge, (byte) 'A');
            assertThat(mllp.sendFramed(huge)).contains("MSA|AE").contains("SPR-2001");

            byte[] badUtf8 = Hl7Messages.oru("BAD-2", 5002).replace("Patient5002", "Patient\u00ff").getBytes(StandardCharsets.ISO_8859_1);
            assertThat(mllp.sendFramed(badUtf8)).contains("MSA|AE").contains("SPR-2002");

            assertThat(mllp.sendFramed(Fixtures.bytes("uk/adt_a01_bad_check_digit.hl7")))
                    .contains("MSA|AE|ADT0003").contains("SPR-1203").contains("ERR||PID^1^3^2|");

            assertThat(mllp.sendFramed(Fixtures.bytes("uk/siu_unsupported.hl7"))).contains("MSA|AR|SIU0001").contains("SPR-2202");

            assertThat(MllpTestClient.ackCode(mllp.send(Hl7Messages.oru("BAD-3", 5003)))).isEqualTo("AA");
        }
        List<ConsumerRecord<String, byte[]>> dead = TopicReader.readAtLeast(platform.bootstrapServers(),
                runtime.topics().inboundDeadLetters(), 6, Duration.ofSeconds(30));
        assertThat(dead).extracting(r -> TopicReader.header(r, IngestHeaders.REASON_CODE))
                .contains("SPR-2003", "SPR-2006", "SPR-2001", "SPR-2002", "SPR-1203", "SPR-2202");
        assertThat(dead).allSatisfy(r -> {
            assertThat(TopicReader.header(r, IngestHeaders.SOURCE)).isNotBlank();
            assertThat(TopicReader.header(r, IngestHeaders.REASON_TEXT)).startsWith(TopicReader.header(r, IngestHeaders.REASON_CODE));
        });
    }

    @Test
    void shouldAnswerFramesSentWithoutWaitingInTheirOrder() throws Exception {
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        for (int i = 0; i < 6; i++) {
            frames.write(0x0B);
            frames.write(Hl7Messages.oru("PIPE-" + i, 6000 + i).getBytes(StandardCharsets.UTF_8));
            frames.write(new byte[] {0x1C, 0x0D});
        }
        try (MllpTestClient mllp = new MllpTestClient(server.port())) {
            mllp.sendRaw(frames.toByteArray()); // an engine that pipelines: all six before any ACK

            for (int i = 0; i < 6; i++) {
                assertThat(mllp.readAck()).contains("MSA|AA|PIPE-" + i + "\r");
            }
        }
    }

    @Test
    void shouldRefuseConnectionsBeyondTheLimitAndCloseOnesThatStaySilent() throws Exception {
        Duration readTimeout = Duration.ofSeconds(3);
        try (MllpServer limited = new MllpServer(new MllpSettings("127.0.0.1", 0, 2, MAX_BYTES, readTimeout), runtime.pipeline()).start()) {
            try (MllpTestClient first = new MllpTestClient(limited.port());
                 Socket second = new Socket("127.0.0.1", limited.port())) {
                assertThat(MllpTestClient.ackCode(first.send(Hl7Messages.oru("LIMIT-1", 7001)))).isEqualTo("AA");
                second.setSoTimeout(30_000);

                long refusing = System.nanoTime();
                try (Socket third = new Socket("127.0.0.1", limited.port())) {
                    third.setSoTimeout(30_000);
                    assertThat(third.getInputStream().read()).as("the third connection is closed").isEqualTo(-1);
                }
                assertThat(Duration.ofNanos(System.nanoTime() - refusing)).as("refused at once, not timed out").isLessThan(readTimeout);

                long silentSince = System.nanoTime();
                assertThat(second.getInputStream().read()).as("a connection that never sends is closed").isEqualTo(-1);
                assertThat(Duration.ofNanos(System.nanoTime() - silentSince))
                        .isBetween(readTimeout.minusSeconds(2), readTimeout.plusSeconds(10));
            }
            try (MllpTestClient again = new MllpTestClient(limited.port())) { // the first one fell silent as long: closed too
                assertThat(MllpTestClient.ackCode(again.send(Hl7Messages.oru("LIMIT-3", 7003)))).as("still listening").isEqualTo("AA");
            }
        }
    }
}

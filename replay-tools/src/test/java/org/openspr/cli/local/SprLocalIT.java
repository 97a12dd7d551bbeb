package org.openspr.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.openspr.cli.sample.UkPatientGenerator;
import org.openspr.embedded.kafka.FreePorts;

/**
 * Runs {@code spr local} as a user would: a separate process, the "ready" line, a bundle posted to the FHIR ingest
 * endpoint, a token minted with {@code spr token}, the record read, the access found in the verified audit ledger,
 * Ctrl-C (SIGTERM), and a restart on the same data directory that finds everything again.
 */
class SprLocalIT {
    /** The JVM's status after running its shutdown hooks on SIGTERM (128 + 15); Ctrl-C (SIGINT) gives 130. */
    private static final int SIGTERM_EXIT = 143;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String BREAK_GLASS = "Unconscious patient in ED, no other records available";

    @Test
    void shouldIngestReadAuditStopAndRestartWithEverythingKept() throws Exception {
        Path dataDir = Files.createTempDirectory("spr-local-it-");
        List<String> args = localArgs(dataDir);
        UkPatientGenerator.GeneratedPatient patient = new UkPatientGenerator(42, 2).patient(7);
        String bundle = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(patient.bundle());
        int itemsBefore;

        try (SprProcess local = SprProcess.start(dataDir, args.toArray(String[]::new))) {
            String ready = local.awaitLine("spr local: ready ", 240);
            String api = field(ready, "http");
            String kafka = field(ready, "kafka");
            String registry = field(ready, "schema-registry");

            HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create(field(ready, "fhir-ingest")))
                    .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(bundle)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
            assertThat(posted.body()).contains("transaction-response");

            String token = SprProcess.run(dataDir, 60, "token", "--data-dir", dataDir.toString(), "--user", "dr.jones",
                    "--role", "R8000", "--org", "RX1").trim();
            itemsBefore = awaitRecordItems(api, patient.nhsNumber(), token, patient.resourceCount() / 2);
            assertThat(itemsBefore).isPositive();

            String replay = awaitReplay(dataDir, kafka, registry, patient.nhsNumber(), 1);
            assertThat(replay).contains("dr.jones").contains("BREAK_GLASS").contains("PERMITTED");
            assertThat(SprProcess.run(dataDir, 120, "verify", "audit", "--data-dir", dataDir.toString(),
                    "--bootstrap-servers", kafka, "--schema-registry-url", registry)).contains("PASS");

            // Rebuild the record projection from the log while the platform runs; readers are switched to it.
            String rebuilt = SprProcess.run(dataDir, 300, "rebuild", "--bootstrap-servers", kafka, "--schema-registry-url", registry,
                    "--application-id", "spr-record-projector-it");
            assertThat(rebuilt).contains("verified identical").contains("switched: 1 instance(s) now serve spr-record-projector-it");
            local.awaitLine("record projection switched to spr-record-projector-it", 60);
            assertThat(awaitRecordItems(api, patient.nhsNumber(), token, itemsBefore)).isEqualTo(itemsBefore);
            assertThat(SprProcess.run(dataDir, 120, "status", "--bootstrap-servers", kafka, "--schema-registry-url", registry))
                    .contains("served by application id spr-record-projector-it").contains("projector-record-items");

            assertThat(local.stop(90)).as("exit status after SIGTERM").isEqualTo(SIGTERM_EXIT);
            assertThat(local.lines()).anyMatch(line -> line.contains("stopped; data kept in"));
            // stdout carries the operator lines only; logs (the services' request logs too) go to stderr
            assertThat(local.lines()).as("stdout").allMatch(line -> line.startsWith("spr local: "));
        }

        try (SprProcess again = SprProcess.start(dataDir, args.toArray(String[]::new))) {
            String ready = again.awaitLine("spr local: ready ", 240);
            assertThat(again.lines()).noneMatch(line -> line.contains("created topics"));
            String token = SprProcess.run(dataDir, 60, "token", "--data-dir", dataDir.toString(), "--user", "dr.jones",
                    "--role", "R8000", "--org", "RX1").trim();
            assertThat(awaitRecordItems(field(ready, "http"), patient.nhsNumber(), token, itemsBefore)).isEqualTo(itemsBefore);
            // Two reads before the restart (one of them after the rebuild), one after.
            String replay = awaitReplay(dataDir, field(ready, "kafka"), field(ready, "schema-registry"), patient.nhsNumber(), 3);
            assertThat(replay).contains("3 access(es)");
            // FHIR links name the port this instance listens on, not the shipped default's 8080
            String fhirBase = field(ready, "http") + "/fhir";
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(fhirBase + "/Patient/" + patient.nhsNumber()
                            + "/$everything?_count=1")).header("Authorization", "Bearer " + token)
                    .header("X-Break-Glass-Reason", BREAK_GLASS).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.body()).contains("\"relation\":\"next\",\"url\":\"" + fhirBase + "/Patient/" + patient.nhsNumber());
            assertThat(again.stop(90)).isEqualTo(SIGTERM_EXIT);
        }
    }

    /** Reads the record with break-glass until it has at least {@code atLeast} items (projection is asynchronous). */
    private static int awaitRecordItems(String api, String nhsNumber, String token, int atLeast) {
        AtomicReference<String> last = new AtomicReference<>("");
        AtomicInteger items = new AtomicInteger();
        try {
            await().atMost(Duration.ofSeconds(120)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                    .alias("record of " + nhsNumber + " has " + atLeast + " items")
                    .until(() -> {
                        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/v1/patients/" + nhsNumber + "/record"))
                                .header("Authorization", "Bearer " + token).header("X-Break-Glass-Reason", BREAK_GLASS).build(),
                                HttpResponse.BodyHandlers.ofString());
                        last.set(response.statusCode() + " " + response.body());
                        items.set(response.statusCode() == 200 ? count(response.body(), "\"itemId\"") : 0);
                        return items.get() >= atLeast;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("record of " + nhsNumber + " never had " + atLeast + " items; last answer: " + last.get());
        }
        return items.get();
    }

    private static String awaitReplay(Path dataDir, String kafka, String registry, String nhsNumber, int accesses) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String replay = "";
        while (System.nanoTime() < deadline) {
            replay = SprProcess.run(dataDir, 120, "replay", "audit", "--patient", nhsNumber, "--data-dir", dataDir.toString(),
                    "--bootstrap-servers", kafka, "--schema-registry-url", registry);
            if (replay.contains(accesses + " access(es)") || replay.matches("(?s).*\\b([3-9]|\\d{2,}) access\\(es\\).*")) {
                return replay;
            }
        }
        throw new AssertionError("the ledger never showed " + accesses + " access(es) to " + nhsNumber + ":\n" + replay);
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }

    private static String field(String readyLine, String name) {
        Matcher matcher = Pattern.compile("\\b" + Pattern.quote(name) + "=(\\S+)").matcher(readyLine);
        if (!matcher.find()) {
            throw new AssertionError("no " + name + "= in: " + readyLine);
        }
        return matcher.group(1);
    }

    private static List<String> localArgs(Path dataDir) {
        List<String> args = new ArrayList<>(List.of("local", "--data-dir", dataDir.toString()));
        for (String port : List.of("--http-port", "--ingest-port", "--mllp-port", "--kafka-port", "--controller-port", "--registry-port")) {
            args.add(port);
            args.add(String.valueOf(FreePorts.next()));
        }
        return args;
    }
}

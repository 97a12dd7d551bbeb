package org.openspr.cli.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.hl7.fhir.r4.model.Bundle;
import org.openspr.cli.KafkaOptions;
import org.openspr.cli.local.LocalStack;
import org.openspr.cli.rebuild.ProjectionRebuild;
import org.openspr.cli.sample.UkPatientGenerator.GeneratedPatient;
import org.openspr.cli.sample.UkPatientGenerator;
import org.openspr.cli.token.LocalLayout;
import org.openspr.embedded.DataDirectories;
import org.openspr.embedded.kafka.FreePorts;
import org.openspr.projector.app.ProjectorGroupLag;
import org.openspr.query.auth.DevTokenIssuer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spr bench}: the end-to-end benchmark. Starts the whole platform in this process on a fresh data directory
 * (as {@code spr local} runs it), then measures, on this machine: FHIR ingest over HTTP into Kafka (resources/s) with
 * generated UK patients (and, with {@code --data}, bundles from a directory such as the Synthea set); the pipeline
 * from ingest to projected record (events/s); accept-to-visible latency; audited full-record reads (req/s, p50/p99 at
 * concurrency 1 and 8); and a rebuild of the record projection from the log (records/s). Rounds are reported as
 * medians, in a table and a JSON file.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"End-to-end benchmark of the whole platform on this machine: ingest, projection, accept-to-visible "
                + "latency, audited reads and rebuild. Prints a table and writes a JSON result.",
                "Run it on a quiet machine; it starts its own platform on free ports and a temporary data directory."})
public final class BenchCommand implements Callable<Integer> {
    private static final IParser JSON = FhirContext.forR4Cached().newJsonParser().setPrettyPrint(false);

    @Option(names = "--patients", defaultValue = "200", description = "Generated patients per ingest round. Default: ${DEFAULT-VALUE}")
    int patients;

    @Option(names = "--encounters", defaultValue = "3", description = "Average encounters per generated patient. Default: ${DEFAULT-VALUE}")
    int encounters;

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds of ingest and of reads (medians are reported). Default: ${DEFAULT-VALUE}")
    int rounds;

    @Option(names = "--concurrency", defaultValue = "8", description = "Concurrent HTTP clients for ingest and reads. Default: ${DEFAULT-VALUE}")
    int concurrency;

    @Option(names = "--read-seconds", defaultValue = "10", description = "Length of each read round. Default: ${DEFAULT-VALUE}")
    int readSeconds;

    @Option(names = "--latency-samples", defaultValue = "100", description = "Accept-to-visible samples. Default: ${DEFAULT-VALUE}")
    int latencySamples;

    @Option(names = "--data", description = "A directory of FHIR bundles (*.json), e.g. the Synthea set, posted once as an extra ingest measure.")
    Path data;

    @Option(names = "--skip-rebuild", description = "Do not measure a rebuild of the record projection.")
    boolean skipRebuild;

    @Option(names = "--json", defaultValue = "spr-bench.json", description = "Where to write the JSON result. Default: ${DEFAULT-VALUE}")
    Path jsonOut;

    @Option(names = "--data-dir", description = "Data directory for the benchmark's platform. Default: a temporary directory, deleted afterwards.")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Path root = dataDir != null ? dataDir : Files.createTempDirectory("spr-bench-");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("startedAt", Instant.now().toString());
        result.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20, "java", System.getProperty("java.version")));
        result.put("settings", Map.of("patientsPerRound", patients, "encounters", encounters, "rounds", rounds,
                "concurrency", concurrency, "readSeconds", readSeconds, "latencySamples", latencySamples));
        out.println("spr bench: starting the platform in " + root);
        try (LocalStack stack = LocalStack.start(root, new LocalStack.Ports(FreePorts.next(), FreePorts.next(), FreePorts.next(),
                FreePorts.next(), FreePorts.next(), FreePorts.next()), new PrintStream(PrintStream.nullOutputStream()));
             Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            ProjectorGroupLag groups = new ProjectorGroupLag(admin);
            UkPatientGenerator generator = new UkPatientGenerator(42, encounters);
            String ingestUrl = "http://127.0.0.1:" + stack.ingestPort() + "/fhir";

            result.put("ingest", ingestRounds(out, stack, groups, generator, ingestUrl));
            if (data != null) {
                result.put("ingestFromPath", ingestPath(out, stack, groups, ingestUrl));
            }
            result.put("acceptToVisible", latency(out, stack, generator, ingestUrl));
            result.put("reads", reads(out, stack, generator));
            if (!skipRebuild) {
                result.put("rebuild", rebuild(out, stack, groups));
            }
        } finally {
            if (dataDir == null) {
                DataDirectories.deleteRecursively(root);
            }
        }
        result.put("finishedAt", Instant.now().toString());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(jsonOut.toFile(), result);
        printTable(out, result);
        out.println("spr bench: JSON result written to " + jsonOut.toAbsolutePath());
        return 0;
    }

    private Map<String, Object> ingestRounds(PrintStream out, LocalStack stack, ProjectorGroupLag groups, UkPatientGenerator generator,
                                             String ingestUrl) throws Exception {
        List<Map<String, Object>> perRound = new ArrayList<>();
        double[] resourcesPerSecond = new double[rounds];
        double[] eventsPerSecond = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            List<HttpRequest> requests = new ArrayList<>();
            long resources = 0;
            for (long i = (long) round * patients; i < (long) (round + 1) * patients; i++) {
                GeneratedPatient patient = generator.patient(i);
                resources += patient.resourceCount();
                requests.add(post(ingestUrl, JSON.encodeResourceToString(patient.bundle())));
            }
            Map<String, Object> measured = ingestAndProject(stack, groups, requests, resources);
            perRound.add(measured);
            resourcesPerSecond[round] = (double) measured.get("resourcesPerSecond");
            eventsPerSecond[round] = (double) measured.get("pipelineEventsPerSecond");
            out.printf("ingest round %d/%d: %d bundles, %d resources, %.0f resources/s; projected %d events, %.0f events/s end to end%n",
                    round + 1, rounds, requests.size(), resources, resourcesPerSecond[round], measured.get("events"), eventsPerSecond[round]);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("resourcesPerSecondMedian", Latencies.median(resourcesPerSecond));
        summary.put("pipelineEventsPerSecondMedian", Latencies.median(eventsPerSecond));
        summary.put("rounds", perRound);
        return summary;
    }

    private Map<String, Object> ingestPath(PrintStream out, LocalStack stack, ProjectorGroupLag groups, String ingestUrl) throws Exception {
        List<HttpRequest> requests = new ArrayList<>();
        long resources = 0;
        try (Stream<Path> files = Files.list(data)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String body = Files.readString(file);
                resources += JSON.parseResource(Bundle.class, body).getEntry().size();
                requests.add(post(ingestUrl, body));
            }
        }
        Map<String, Object> measured = ingestAndProject(stack, groups, requests, resources);
        measured.put("path", data.toAbsolutePath().toString());
        out.printf("ingest of %s: %d bundles, %d resources, %.0f resources/s%n", data, requests.size(), resources,
                measured.get("resourcesPerSecond"));
        return measured;
    }

    /** Posts the bundles, then waits until the record projection has processed everything they produced. */
    private Map<String, Object> ingestAndProject(LocalStack stack, ProjectorGroupLag groups, List<HttpRequest> requests, long resources)
            throws Exception {
        long eventsBefore = ProjectionRebuild.inputRecordsConsumed(stack.projector().get());
        long start = System.nanoTime();
        HttpLoad.Result posted = new HttpLoad(200).sendAll(requests, concurrency);
        if (posted.failed() > 0) {
            throw new IllegalStateException(posted.failed() + " of " + requests.size() + " bundles failed; first: " + posted.firstFailure());
        }
        awaitProjected(stack, groups);
        double pipelineSeconds = (System.nanoTime() - start) / 1e9;
        long events = ProjectionRebuild.inputRecordsConsumed(stack.projector().get()) - eventsBefore;
        Map<String, Object> measured = new LinkedHashMap<>();
        measured.put("bundles", requests.size());
        measured.put("resources", resources);
        measured.put("ingestSeconds", posted.seconds());
        measured.put("resourcesPerSecond", resources / posted.seconds());
        measured.put("bundleLatencyP50Ms", posted.latencies().percentileMillis(50));
        measured.put("bundleLatencyP99Ms", posted.latencies().percentileMillis(99));
        measured.put("events", events);
        measured.put("pipelineSeconds", pipelineSeconds);
        measured.put("pipelineEventsPerSecond", events / pipelineSeconds);
        return measured;
    }

    private static void awaitProjected(LocalStack stack, ProjectorGroupLag groups) throws Exception {
        int quiet = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (quiet < 2) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the record projection did not catch up within 30 minutes");
            }
            Thread.sleep(100);
            quiet = groups.of(stack.projector().applicationId()).lag() == 0 ? quiet + 1 : 0;
        }
    }

    private Map<String, Object> latency(PrintStream out, LocalStack stack, UkPatientGenerator generator, String ingestUrl) throws Exception {
        VisibilityProbe probe = new VisibilityProbe(ingestUrl, stack.projector());
        Latencies latencies = new Latencies();
        for (int sample = 0; sample < latencySamples; sample++) {
            latencies.add(probe.measure(generator.patient(sample % patients), sample, Duration.ofSeconds(30).toNanos()));
            Thread.sleep(20);
        }
        Map<String, Object> measured = new LinkedHashMap<>();
        measured.put("samples", latencies.count());
        measured.put("p50Ms", latencies.percentileMillis(50));
        measured.put("p99Ms", latencies.percentileMillis(99));
        measured.put("maxMs", latencies.percentileMillis(100));
        out.printf("accept-to-visible: %d samples, p50 %.1f ms, p99 %.1f ms%n", latencies.count(), latencies.percentileMillis(50),
                latencies.percentileMillis(99));
        return measured;
    }

    private Map<String, Object> reads(PrintStream out, LocalStack stack, UkPatientGenerator generator) throws Exception {
        DevTokenIssuer issuer = DevTokenIssuer.open(LocalLayout.issuerDir(stack.root()));
        String base = "http://127.0.0.1:" + stack.httpPort() + "/v1/patients/";
        int readPatients = Math.min(patients, 50);
        List<HttpRequest> requests = new ArrayList<>();
        int breakGlass = 0;
        HttpLoad probe = new HttpLoad(200);
        for (int i = 0; i < readPatients; i++) {
            GeneratedPatient patient = generator.patient(i);
            HttpRequest legitimate = HttpLoad.request(base + patient.nhsNumber() + "/record")
                    .header("Authorization", "Bearer " + issuer.mintStaff("bench-clinician-" + patient.trustOds(), "R8000",
                            patient.trustOds(), Duration.ofHours(4))).GET().build();
            if (probe.sendAll(List.of(legitimate), 1).ok() == 1) {
                requests.add(legitimate);
            } else {
                breakGlass++;
                requests.add(HttpLoad.request(base + patient.nhsNumber() + "/record")
                        .header("Authorization", legitimate.headers().firstValue("Authorization").orElseThrow())
                        .header("X-Break-Glass-Reason", "Benchmark load test run by spr bench").GET().build());
            }
        }
        new HttpLoad(200).sendFor(Duration.ofSeconds(3), concurrency, i -> requests.get(i % requests.size())); // warm-up
        Map<String, Object> measured = new LinkedHashMap<>();
        measured.put("patients", readPatients);
        measured.put("breakGlassPatients", breakGlass);
        for (int clients : new int[] {1, concurrency}) {
            double[] perSecond = new double[rounds];
            double[] p50 = new double[rounds];
            double[] p99 = new double[rounds];
            long failed = 0;
            for (int round = 0; round < rounds; round++) {
                HttpLoad.Result reads = new HttpLoad(200).sendFor(Duration.ofSeconds(readSeconds), clients,
                        i -> requests.get(i % requests.size()));
                perSecond[round] = reads.perSecond();
                p50[round] = reads.latencies().percentileMillis(50);
                p99[round] = reads.latencies().percentileMillis(99);
                failed += reads.failed();
                if (reads.failed() > 0) {
                    throw new IllegalStateException("reads at c=" + clients + ": " + reads.failed() + " of "
                            + (reads.ok() + reads.failed()) + " failed, so the numbers would mean nothing; first: " + reads.firstFailure());
                }
            }
            Map<String, Object> atConcurrency = new LinkedHashMap<>();
            atConcurrency.put("requestsPerSecondMedian", Latencies.median(perSecond));
            atConcurrency.put("p50MsMedian", Latencies.median(p50));
            atConcurrency.put("p99MsMedian", Latencies.median(p99));
            atConcurrency.put("failed", failed);
            measured.put("concurrency" + clients, atConcurrency);
            out.printf("audited full-record reads at c=%d: %.0f req/s, p50 %.1f ms, p99 %.1f ms (medians of %d rounds)%n", clients,
                    Latencies.median(perSecond), Latencies.median(p50), Latencies.median(p99), rounds);
        }
        return measured;
    }

    private Map<String, Object> rebuild(PrintStream out, LocalStack stack, ProjectorGroupLag groups) throws Exception {
        String live = stack.projector().applicationId();
        String target = live + "-bench-" + System.currentTimeMillis();
        ProjectionRebuild.Outcome outcome = new ProjectionRebuild(KafkaOptions.of(stack.bootstrapServers(), stack.schemaRegistryUrl()),
                groups, out).run(live, target, 2, null, Duration.ofHours(2), 10);
        Map<String, Object> measured = new LinkedHashMap<>();
        measured.put("records", outcome.records());
        measured.put("seconds", outcome.seconds());
        measured.put("recordsPerSecond", outcome.recordsPerSecond());
        measured.put("processingSeconds", outcome.processingSeconds());
        measured.put("processingRecordsPerSecond", outcome.processingRecordsPerSecond());
        measured.put("entriesVerifiedIdentical", outcome.verified());
        return measured;
    }

    private static HttpRequest post(String url, String body) {
        return HttpLoad.request(url).header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @SuppressWarnings("unchecked")
    private void printTable(PrintStream out, Map<String, Object> result) {
        Map<String, Object> ingest = (Map<String, Object>) result.get("ingest");
        Map<String, Object> latency = (Map<String, Object>) result.get("acceptToVisible");
        Map<String, Object> reads = (Map<String, Object>) result.get("reads");
        Map<String, Object> rebuild = (Map<String, Object>) result.get("rebuild");
        Map<String, Object> path = (Map<String, Object>) result.get("ingestFromPath");
        out.println();
        out.printf("%-52s %14s %s%n", "measure (medians)", "result", "target");
        row(out, "ingest, generated UK patients (resources/s)", ingest.get("resourcesPerSecondMedian"), ">= 20,000");
        if (path != null) {
            row(out, "ingest, --data bundles (resources/s)", path.get("resourcesPerSecond"), ">= 20,000");
        }
        row(out, "ingest -> projected, end to end (events/s)", ingest.get("pipelineEventsPerSecondMedian"), "");
        row(out, "accept-to-visible p50 (ms)", latency.get("p50Ms"), "");
        row(out, "accept-to-visible p99 (ms)", latency.get("p99Ms"), "<= 1,000");
        for (String key : List.of("concurrency1", "concurrency" + concurrency)) {
            Map<String, Object> at = (Map<String, Object>) reads.get(key);
            if (at != null) {
                String c = key.replace("concurrency", "c=");
                row(out, "audited full-record reads " + c + " (req/s)", at.get("requestsPerSecondMedian"), c.equals("c=1") ? "" : ">= 2,000");
                row(out, "audited full-record reads " + c + " p99 (ms)", at.get("p99MsMedian"), c.equals("c=1") ? "" : "<= 25");
            }
        }
        if (rebuild != null) {
            row(out, "rebuild from the log, incl. start-up (records/s)", rebuild.get("recordsPerSecond"), "");
            row(out, "rebuild from the log, after start-up (records/s)", rebuild.get("processingRecordsPerSecond"), ">= 50,000");
        }
    }

    private static void row(PrintStream out, String label, Object value, String target) {
        double number = ((Number) value).doubleValue();
        out.printf("%-52s %14s %s%n", label, number >= 100 ? String.format("%,.0f", number) : String.format("%.1f", number), target);
    }
}

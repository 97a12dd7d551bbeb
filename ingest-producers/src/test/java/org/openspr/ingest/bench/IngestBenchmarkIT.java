package org.openspr.ingest.bench;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openspr.embedded.junit.LocalPlatformExtension;
import org.openspr.ingest.http.IngestApplication;
import org.openspr.ingest.http.IngestConfiguration;
import org.openspr.ingest.mllp.MllpServer;
import org.openspr.ingest.publish.PublisherStats;
import org.openspr.ingest.support.Hl7Messages;
import org.openspr.ingest.support.MllpTestClient;

/**
 * End-to-end ingest throughput on this machine: Synthea bundles POSTed to /fhir (resources/s, committed to Kafka)
 * and generated ORU^R01 over MLLP (messages/s, each ACKed after commit). Broker, registry and service share the JVM.
 * Each round also prints the JVM's CPU time, so runs on a loaded machine can still be compared by work per CPU-second,
 * and the run prints the host's speed ({@link HostSpeed}) before and after its rounds.
 * Run: {@code mvn -pl ingest-producers -am verify -Dtest=NONE -Dit.test=IngestBenchmarkIT -Dspr.bench.data=/work/shared/data}
 * ({@code -Dspr.bench.fhir=false} or {@code -Dspr.bench.mllp=false} runs one half only)
 */
@EnabledIfSystemProperty(named = "spr.bench.data", matches = ".+")
class IngestBenchmarkIT {
    private static final int ROUNDS = Integer.getInteger("spr.bench.rounds", 5);
    private static final int HTTP_CLIENTS = Integer.getInteger("spr.bench.httpClients", 4);
    /**
     * MLLP connections per round: one count, or several whose rounds alternate in this one JVM, so that counts are
     * compared on the same host speed and JIT state. By default 32 (a few busy interface engines) and 128 (a national
     * endpoint taking feeds from many trusts at once).
     */
    private static final List<Integer> MLLP_CLIENTS = Stream.of(System.getProperty("spr.bench.mllpClients", "32,128").split(","))
            .map(String::trim).map(Integer::valueOf).toList();
    /** Messages per MLLP round, shared evenly among its connections. */
    private static final int MLLP_MESSAGES = Integer.getInteger("spr.bench.mllpMessages", 16_000);
    /** Passes over the Synthea bundles per timed FHIR round (one pass takes about a second here). */
    private static final int FHIR_PASSES = Integer.getInteger("spr.bench.fhirPasses", 4);
    /** Untimed passes before the rounds, at least this many... */
    private static final int WARMUPS = Integer.getInteger("spr.bench.warmups", 1);
    /** ...and for at least this long; then on until the JIT has settled (see {@link WarmUp})... */
    private static final int WARMUP_SECONDS = Integer.getInteger("spr.bench.warmupSeconds", 90);
    /** ...but no longer than this. */
    private static final int WARMUP_MAX_SECONDS = Integer.getInteger("spr.bench.warmupMaxSeconds", 240);
    /** Publish lanes (transactional producers); unset = the service's default. */
    private static final String LANES = System.getProperty("spr.bench.lanes");

    @RegisterExtension
    static final LocalPlatformExtension platform = new LocalPlatformExtension();
    private PublisherStats stats;
    private ServiceCpu serviceCpu;

    @Test
    void shouldMeasureIngestThroughput() throws Exception {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("bootstrapServers", platform.bootstrapServers()),
                ConfigOverride.config("schemaRegistryUrl", platform.schemaRegistryUrl()),
                ConfigOverride.config("mllpPort", "0"),
                ConfigOverride.config("maxMessageBytes", "16000000"),
                ConfigOverride.config("mllpMaxConnections", Integer.toString(Math.max(256, Collections.max(MLLP_CLIENTS))))));
        if (LANES != null) {
            overrides.add(ConfigOverride.config("publishLanes", LANES));
        }
        DropwizardTestSupport<IngestConfiguration> app = new DropwizardTestSupport<>(IngestApplication.class,
                ResourceHelpers.resourceFilePath("ingest-it.yml"), overrides.toArray(ConfigOverride[]::new));
        app.before();
        String speedBefore = HostSpeed.describe();
        System.out.println("BENCH host speed before: " + speedBefore);
        try {
            stats = ((IngestApplication) app.getApplication()).runtime().pipeline().publisher().stats();
            serviceCpu = new ServiceCpu(app.getConfiguration().transactionalIdPrefix);
            List<double[]> fhir = Boolean.parseBoolean(System.getProperty("spr.bench.fhir", "true"))
                    ? fhirRounds(app.getLocalPort()) : List.of();
            Map<Integer, List<Double>> hl7 = Boolean.parseBoolean(System.getProperty("spr.bench.mllp", "true"))
                    ? mllpRounds(((IngestApplication) app.getApplication()).mllp()) : Map.of();
            List<Double> fhirRates = new ArrayList<>(fhir.stream().map(r -> r[0]).toList());
            if (!fhirRates.isEmpty()) {
                System.out.printf("BENCH FHIR over HTTP: median %.0f resources/s over %d rounds %s%n", median(fhirRates), ROUNDS, fhirRates);
            }
            hl7.forEach((clients, rates) -> System.out.printf("BENCH HL7 over MLLP, %d connections: median %.0f messages/s over %d rounds %s%n",
                    clients, median(new ArrayList<>(rates)), ROUNDS, rates));
            System.out.println("BENCH host speed after: " + HostSpeed.describe() + "; before: " + speedBefore);
        } finally {
            app.after();
        }
    }

    private List<double[]> fhirRounds(int port) throws Exception {
        Path given = Path.of(System.getProperty("spr.bench.data"));
        // the data root (with synthea-r4/ inside) or the Synthea folder itself
        Path dir = Files.isDirectory(given.resolve("synthea-r4")) ? given.resolve("synthea-r4") : given;
        List<byte[]> bundles = new ArrayList<>();
        long resources = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                byte[] b = Files.readAllBytes(f);
                bundles.add(b);
                resources += new com.fasterxml.jackson.databind.ObjectMapper().readTree(b).get("entry").size();
            }
        }
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(HTTP_CLIENTS)).build();
        // full untimed passes: JIT (C2 takes seconds per hot method on 2 cores), schemas, connections
        WarmUp.run("FHIR", WARMUPS, WARMUP_SECONDS, WARMUP_MAX_SECONDS, () -> {
            postAll(http, port, bundles);
            return null;
        });
        List<double[]> rounds = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            RoundStart start = RoundStart.now(stats, serviceCpu);
            for (int pass = 0; pass < FHIR_PASSES; pass++) {
                postAll(http, port, bundles);
            }
            long posted = resources * FHIR_PASSES;
            double seconds = start.print("FHIR", r + 1, String.format("%d bundles, %d resources", bundles.size() * FHIR_PASSES, posted),
                    posted, "resources");
            rounds.add(new double[] {posted / seconds, seconds});
        }
        return rounds;
    }

    private static void postAll(HttpClient http, int port, List<byte[]> bundles) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(HTTP_CLIENTS);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < HTTP_CLIENTS; c++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < bundles.size(); i = next.getAndIncrement()) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir"))
                            .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/fhir+json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bundles.get(i))).build();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
    }

    /** Rounds of each connection count in turn; the rates per count, in round order. */
    private Map<Integer, List<Double>> mllpRounds(MllpServer server) throws Exception {
        int[] pass = {0};
        WarmUp.run("MLLP", WARMUPS, WARMUP_SECONDS, WARMUP_MAX_SECONDS, () -> {
            int clients = MLLP_CLIENTS.get(pass[0] % MLLP_CLIENTS.size());
            return runMllp(server, -1 - pass[0]++, clients); // negative rounds keep control ids apart
        });
        Map<Integer, List<Double>> rates = new LinkedHashMap<>();
        for (int r = 0; r < ROUNDS; r++) {
            for (int k = 0; k < MLLP_CLIENTS.size(); k++) {
                int clients = MLLP_CLIENTS.get(k);
                RoundStart start = RoundStart.now(stats, serviceCpu);
                int sent = runMllp(server, r * MLLP_CLIENTS.size() + k, clients);
                double seconds = start.print("MLLP", r + 1, String.format("%d messages over %d connections", sent, clients), sent, "messages");
                rates.computeIfAbsent(clients, c -> new ArrayList<>()).add(Math.rint(sent / seconds));
            }
        }
        return rates;
    }

    /** One round: {@link #MLLP_MESSAGES} ORU^R01 over {@code clients} connections, each waiting for every ACK. */
    private static int runMllp(MllpServer server, int round, int clients) throws Exception {
        int perClient = MLLP_MESSAGES / clients;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Integer>> senders = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            senders.add(pool.submit(() -> {
                try (MllpTestClient mllp = new MllpTestClient(server.port())) {
                    for (int i = 0; i < perClient; i++) {
                        String ack = mllp.send(Hl7Messages.oru("B" + round + "-" + client + "-" + i, (client * 1000 + i) % 900_000));
                        if (!"AA".equals(MllpTestClient.ackCode(ack))) {
                            throw new IllegalStateException("not accepted: " + ack);
                        }
                    }
                }
                return perClient;
            }));
        }
        int sent = 0;
        for (Future<Integer> f : senders) {
            sent += f.get();
        }
        pool.shutdown();
        return sent;
    }

    /**
     * Where a round started: wall clock, this JVM's CPU time (broker, registry, service and the load generator together:
     * on a shared machine the wall-clock rate moves with other load, the work done per CPU-second much less), the CPU
     * time of the service's own threads ({@link ServiceCpu}), the JIT's compile time and the group commits so far.
     */
    private record RoundStart(long nanos, long cpuNanos, ServiceCpu service, Map<Long, Long> serviceNanos, long jitMillis,
                              PublisherStats stats, PublisherStats.Snapshot commits) {
        static RoundStart now(PublisherStats stats, ServiceCpu service) {
            Map<Long, Long> serviceNanos = service.snapshot(); // walks every thread: taken before the clock starts
            PublisherStats.Snapshot commits = stats.snapshot();
            long jitMillis = WarmUp.compileMillis();
            long cpuNanos = processCpuNanos();
            return new RoundStart(System.nanoTime(), cpuNanos, service, serviceNanos, jitMillis, stats, commits);
        }

        /**
         * Prints the round's rate of {@code units} since the start, its CPU (all of the JVM's, and the service's own), JIT
         * and group commits; returns its seconds.
         */
        double print(String half, int round, String what, long units, String unitName) {
            double seconds = (System.nanoTime() - nanos) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuNanos) / 1e9;
            double serviceSeconds = ServiceCpu.between(serviceNanos, service.snapshot()) / 1e9;
            System.out.printf("BENCH %s round %d: %s in %.2f s = %.0f %s/s; JVM CPU %.2f s = %.0f %s per CPU-second; service threads' CPU %.2f s = %.0f %s per service CPU-second; JIT %.2f s%n",
                    half, round, what, seconds, units / seconds, unitName, cpuSeconds, units / cpuSeconds, unitName, serviceSeconds,
                    units / serviceSeconds, unitName, (WarmUp.compileMillis() - jitMillis) / 1e3);
            System.out.printf("BENCH %s round %d commits: %s%n", half, round, stats.snapshot().minus(commits));
            return seconds;
        }

        private static long processCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }
    }

    private static double median(List<Double> values) {
        Collections.sort(values);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }
}

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
import org.openspr.ingest.support.KeepAliveHttpClient;
import org.openspr.ingest.support.MllpTestClient;

/**
 * End-to-end ingest throughput on this machine: Synthea bundles POSTed to /fhir (resources/s, committed to Kafka)
 * and generated ORU^R01 over MLLP (messages/s, each ACKed after commit). Broker, registry and service share the JVM.
 * Each round also prints the JVM's CPU time, so runs on a loaded machine can still be compared by work per CPU-second,
 * and the run prints the host's speed ({@link HostSpeed}) before and after its rounds.
 * Run: {@code mvn -pl ingest-producers -am verify -Dtest=NONE -Dit.test=IngestBenchmarkIT -Dspr.bench.data=/work/shared/data}
 * ({@code -Dspr.bench.fhir=false} or {@code -Dspr.bench.mllp=false} runs one half only; {@code -Dspr.bench.httpLoad=jdk,socket}
 * alternates the FHIR load generators)
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
    /**
     * MLLP load generators: one, or several whose rounds alternate. By default {@code selector} (one thread drives all
     * connections, {@link MllpLoadGenerator}); {@code threads} is a blocking thread per connection.
     */
    private static final List<String> MLLP_LOADS = Stream.of(System.getProperty("spr.bench.mllpLoad", "selector").split(","))
            .map(String::trim).toList();
    /** Messages per MLLP round, shared evenly among its connections. */
    private static final int MLLP_MESSAGES = Integer.getInteger("spr.bench.mllpMessages", 16_000);
    /** Passes over the Synthea bundles per timed FHIR round (one pass takes about a second here). */
    private static final int FHIR_PASSES = Integer.getInteger("spr.bench.fhirPasses", 4);
    /** Untimed passes before the rounds, at least this many... */
    private static final int WARMUPS = Integer.getInteger("spr.bench.warmups", 1);
    /** ...and for at least this long; then on until the JIT has settled (see {@link WarmUp})... */
    private static final int WARMUP_SECONDS = Integer.getInteger("spr.bench.warmupSeconds", 90);
    /** ...but no longer than this. */
    private static final int WARMUP_MAX_SECONDS = Integer.getInteger("spr.bench.warmupMaxSeconds", 360);
    /**
     * FHIR load generators: one, or several whose rounds alternate in this one JVM. By default {@code socket} (a
     * keep-alive socket per client, {@link KeepAliveHttpClient}); {@code jdk} is the JDK's HttpClient, which costs the
     * shared two cores more.
     */
    private static final List<String> HTTP_LOADS = Stream.of(System.getProperty("spr.bench.httpLoad", "socket").split(","))
            .map(String::trim).toList();
    /**
     * Input buffer sizes of the HTTP connector (Dropwizard's {@code inputBufferSize}: how much of a request body one
     * read from the socket takes), each on a connector of its own; several alternate round by round in this one JVM.
     * Unset: the one connector of the service's test configuration.
     */
    private static final List<String> INPUT_BUFFERS = Stream.of(System.getProperty("spr.bench.inputBuffers", "").split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).toList();
    /** Publish lanes (transactional producers); unset = the service's default. */
    private static final String LANES = System.getProperty("spr.bench.lanes");

    @RegisterExtension
    static final LocalPlatformExtension platform = new LocalPlatformExtension();
    private PublisherStats stats;
    private ServiceCpu serviceCpu;
    private ProducerMetrics producerMetrics;

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
                configFile(), overrides.toArray(ConfigOverride[]::new));
        app.before();
        String speedBefore = HostSpeed.describe();
        System.out.println("BENCH host speed before: " + speedBefore);
        try {
            stats = ((IngestApplication) app.getApplication()).runtime().pipeline().publisher().stats();
            serviceCpu = new ServiceCpu(app.getConfiguration().transactionalIdPrefix);
            producerMetrics = new ProducerMetrics(app.getConfiguration().transactionalIdPrefix);
            Map<String, Integer> connectors = new LinkedHashMap<>();
            if (INPUT_BUFFERS.isEmpty()) {
                connectors.put("", app.getLocalPort());
            }
            for (int i = 0; i < INPUT_BUFFERS.size(); i++) {
                connectors.put(", " + INPUT_BUFFERS.get(i) + " input buffer", app.getPort(i));
            }
            Map<String, List<Double>> fhir = Boolean.parseBoolean(System.getProperty("spr.bench.fhir", "true"))
                    ? fhirRounds(connectors) : Map.of();
            Map<String, List<Double>> hl7 = Boolean.parseBoolean(System.getProperty("spr.bench.mllp", "true"))
                    ? mllpRounds(((IngestApplication) app.getApplication()).mllp()) : Map.of();
            fhir.forEach((load, rates) -> System.out.printf("BENCH FHIR over HTTP, %s: median %.0f resources/s over %d rounds %s%n",
                    load, median(new ArrayList<>(rates)), ROUNDS, rates));
            hl7.forEach((kind, rates) -> System.out.printf("BENCH HL7 over MLLP, %s: median %.0f messages/s over %d rounds %s%n",
                    kind, median(new ArrayList<>(rates)), ROUNDS, rates));
            System.out.println("BENCH broker request times (ms):" + BrokerRequestTimes.describe());
            System.out.println("BENCH host speed after: " + HostSpeed.describe() + "; before: " + speedBefore);
        } finally {
            app.after();
        }
    }

    /**
     * The service's test configuration; with {@link #INPUT_BUFFERS}, written anew with an HTTP connector per size (each
     * buffer pooled, as Jetty pools only buffers up to the pool's largest size).
     */
    private static String configFile() throws java.io.IOException {
        String tested = ResourceHelpers.resourceFilePath("ingest-it.yml");
        if (INPUT_BUFFERS.isEmpty()) {
            return tested;
        }
        StringBuilder yaml = new StringBuilder("server:\n  type: default\n  applicationContextPath: /\n  applicationConnectors:\n");
        for (String size : INPUT_BUFFERS) {
            long bytes = io.dropwizard.util.DataSize.parse(size).toBytes();
            yaml.append("    - type: http\n      port: 0\n      inputBufferSize: ").append(size)
                    .append("\n      maxBufferPoolSize: ").append(Math.max(bytes, 64 * 1024) / 1024).append("KiB\n");
        }
        yaml.append("  adminConnectors:\n    - type: http\n      port: 0\n");
        String rest = Files.readString(Path.of(tested)); // the test configuration without its server block
        yaml.append(rest.substring(rest.indexOf("\nbootstrapServers:") + 1));
        Path file = Files.createTempFile("ingest-bench-", ".yml");
        file.toFile().deleteOnExit();
        return Files.writeString(file, yaml).toString();
    }

    /**
     * FHIR rounds of each load generator ({@link #HTTP_LOADS}) on each connector in turn; the rates per load generator
     * and connector, in round order.
     *
     * @param connectors the connectors' ports, by the name a round gives them (empty for the only one)
     */
    private Map<String, List<Double>> fhirRounds(Map<String, Integer> connectors) throws Exception {
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
        Map<String, BundlePoster> posters = new LinkedHashMap<>();
        for (String load : HTTP_LOADS) {
            connectors.forEach((connector, port) -> posters.put(load + " load generator" + connector, switch (load) {
                case "socket" -> new SocketPoster(port);
                case "jdk" -> new JdkPoster(port);
                default -> throw new IllegalArgumentException("spr.bench.httpLoad: 'socket' or 'jdk', not '" + load + "'");
            }));
        }
        List<String> kinds = List.copyOf(posters.keySet());
        try {
            int[] pass = {0};
            // full untimed passes: JIT (C2 takes seconds per hot method on 2 cores), schemas, connections
            WarmUp.run("FHIR", WARMUPS, WARMUP_SECONDS, WARMUP_MAX_SECONDS, () -> {
                postAll(posters.get(kinds.get(pass[0]++ % kinds.size())), bundles);
                return null;
            });
            Map<String, List<Double>> rates = new LinkedHashMap<>();
            for (int r = 0; r < ROUNDS; r++) {
                for (String kind : kinds) {
                    RoundStart start = RoundStart.now(stats, serviceCpu, producerMetrics);
                    for (int p = 0; p < FHIR_PASSES; p++) {
                        postAll(posters.get(kind), bundles);
                    }
                    long posted = resources * FHIR_PASSES;
                    double seconds = start.print("FHIR", r + 1, String.format("%d bundles, %d resources (%s)",
                            bundles.size() * FHIR_PASSES, posted, kind), posted, "resources");
                    rates.computeIfAbsent(kind, l -> new ArrayList<>()).add(Math.rint(posted / seconds));
                }
            }
            return rates;
        } finally {
            for (BundlePoster poster : posters.values()) {
                poster.close();
            }
        }
    }

    /** One pass: every bundle POSTed once, by {@link #HTTP_CLIENTS} clients at once, each taking the next bundle. */
    private static void postAll(BundlePoster poster, List<byte[]> bundles) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(HTTP_CLIENTS);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < HTTP_CLIENTS; c++) {
            int client = c;
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < bundles.size(); i = next.getAndIncrement()) {
                    poster.post(client, bundles.get(i));
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
    }

    /** POSTs a bundle to /fhir as client number {@code client} and insists on 200. */
    private interface BundlePoster extends AutoCloseable {
        void post(int client, byte[] bundle) throws Exception;

        @Override
        void close() throws java.io.IOException;

        static void expectOk(int status, java.util.function.Supplier<String> body) {
            if (status != 200) {
                throw new IllegalStateException("HTTP " + status + ": " + body.get());
            }
        }
    }

    /** A keep-alive socket per client ({@link KeepAliveHttpClient}): the cheapest load generator, the default. */
    private static final class SocketPoster implements BundlePoster {
        private final KeepAliveHttpClient[] clients = new KeepAliveHttpClient[HTTP_CLIENTS];

        SocketPoster(int port) {
            for (int c = 0; c < clients.length; c++) {
                clients[c] = new KeepAliveHttpClient("127.0.0.1", port);
            }
        }

        @Override
        public void post(int client, byte[] bundle) throws Exception {
            KeepAliveHttpClient.Response response = clients[client].post("/fhir", "application/fhir+json", bundle);
            BundlePoster.expectOk(response.status(), response::bodyText);
        }

        @Override
        public void close() throws java.io.IOException {
            for (KeepAliveHttpClient client : clients) {
                client.close();
            }
        }
    }

    /** The JDK's {@link HttpClient}, shared by all clients: what this benchmark used until 2026-11-24. */
    private static final class JdkPoster implements BundlePoster {
        private final ExecutorService executor = Executors.newFixedThreadPool(HTTP_CLIENTS);
        private final HttpClient http = HttpClient.newBuilder().executor(executor).build();
        private final URI uri;

        JdkPoster(int port) {
            this.uri = URI.create("http://localhost:" + port + "/fhir");
        }

        @Override
        public void post(int client, byte[] bundle) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofByteArray(bundle)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            BundlePoster.expectOk(response.statusCode(), response::body);
        }

        @Override
        public void close() {
            executor.shutdown(); // the client's own selector thread ends once the client is unreachable
        }
    }

    /**
     * Rounds of each connection count (and load generator, {@link #MLLP_LOADS}) in turn; the rates per count (and load
     * generator, when there are several), in round order.
     */
    private Map<String, List<Double>> mllpRounds(MllpServer server) throws Exception {
        List<String[]> kinds = new ArrayList<>();
        for (int clients : MLLP_CLIENTS) {
            for (String load : MLLP_LOADS) {
                kinds.add(new String[] {Integer.toString(clients), load});
            }
        }
        int[] round = {0};
        WarmUp.run("MLLP", WARMUPS, WARMUP_SECONDS, WARMUP_MAX_SECONDS, () -> {
            String[] kind = kinds.get(round[0] % kinds.size());
            return runMllp(server, -1 - round[0]++, Integer.parseInt(kind[0]), kind[1]); // negative rounds keep control ids apart
        });
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        for (int r = 0; r < ROUNDS; r++) {
            for (int k = 0; k < kinds.size(); k++) {
                int clients = Integer.parseInt(kinds.get(k)[0]);
                String load = kinds.get(k)[1];
                RoundStart start = RoundStart.now(stats, serviceCpu, producerMetrics);
                int sent = runMllp(server, r * kinds.size() + k, clients, load);
                double seconds = start.print("MLLP", r + 1, String.format("%d messages over %d connections (%s load generator)", sent,
                        clients, load), sent, "messages");
                String key = clients + " connections" + (MLLP_LOADS.size() > 1 ? ", " + load + " load generator" : "");
                rates.computeIfAbsent(key, c -> new ArrayList<>()).add(Math.rint(sent / seconds));
            }
        }
        return rates;
    }

    /**
     * One round: {@link #MLLP_MESSAGES} ORU^R01 over {@code clients} connections, each waiting for every ACK, driven by
     * one thread ({@code selector}, {@link MllpLoadGenerator}) or a thread per connection ({@code threads}).
     */
    private static int runMllp(MllpServer server, int round, int clients, String load) throws Exception {
        int perClient = MLLP_MESSAGES / clients;
        MllpLoadGenerator.Messages messages = (client, i) -> Hl7Messages.oru("B" + round + "-" + client + "-" + i, (client * 1000 + i) % 900_000);
        return switch (load) {
            case "selector" -> MllpLoadGenerator.run(server.port(), clients, perClient, messages, Duration.ofMinutes(5));
            case "threads" -> runMllpThreads(server, clients, perClient, messages);
            default -> throw new IllegalArgumentException("spr.bench.mllpLoad: 'selector' or 'threads', not '" + load + "'");
        };
    }

    private static int runMllpThreads(MllpServer server, int clients, int perClient, MllpLoadGenerator.Messages messages) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Integer>> senders = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            senders.add(pool.submit(() -> {
                try (MllpTestClient mllp = new MllpTestClient(server.port())) {
                    for (int i = 0; i < perClient; i++) {
                        String ack = mllp.send(messages.message(client, i));
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
                              PublisherStats stats, PublisherStats.Snapshot commits, ProducerMetrics producers,
                              Map<String, Double> producerTotals) {
        static RoundStart now(PublisherStats stats, ServiceCpu service, ProducerMetrics producers) {
            Map<Long, Long> serviceNanos = service.snapshot(); // walks every thread: taken before the clock starts
            Map<String, Double> producerTotals = producers.snapshot();
            PublisherStats.Snapshot commits = stats.snapshot();
            long jitMillis = WarmUp.compileMillis();
            long cpuNanos = processCpuNanos();
            return new RoundStart(System.nanoTime(), cpuNanos, service, serviceNanos, jitMillis, stats, commits, producers,
                    producerTotals);
        }

        /**
         * Prints the round's rate of {@code units} since the start, its CPU (all of the JVM's, and the service's own), JIT
         * and group commits; returns its seconds.
         */
        double print(String half, int roundNumber, String what, long units, String unitName) {
            double seconds = (System.nanoTime() - nanos) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuNanos) / 1e9;
            double serviceSeconds = ServiceCpu.between(serviceNanos, service.snapshot()) / 1e9;
            System.out.printf("BENCH %s round %d: %s in %.2f s = %.0f %s/s; JVM CPU %.2f s = %.0f %s per CPU-second; service threads' CPU %.2f s = %.0f %s per service CPU-second; JIT %.2f s%n",
                    half, roundNumber, what, seconds, units / seconds, unitName, cpuSeconds, units / cpuSeconds, unitName, serviceSeconds,
                    units / serviceSeconds, unitName, (WarmUp.compileMillis() - jitMillis) / 1e3);
            PublisherStats.Snapshot round = stats.snapshot().minus(commits);
            System.out.printf("BENCH %s round %d commits: %s; producers: %s%n", half, roundNumber, round,
                    ProducerMetrics.between(producerTotals, producers.snapshot(), round.commits()));
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

package org.openspr.ingest.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.openspr.embedded.registry.EmbeddedSchemaRegistry;
import org.openspr.events.registry.RestSchemaRegistryClient;
import org.openspr.events.topics.Topics;
import org.openspr.ingest.fhir.FhirIngestor;
import org.openspr.ingest.hl7.Hl7Ingestor;
import org.openspr.ingest.map.MappedMessage;
import org.openspr.ingest.map.SourceDefaults;
import org.openspr.ingest.publish.InboundMessage;
import org.openspr.ingest.publish.OutboundRecords;
import org.openspr.ingest.support.Hl7Messages;

/**
 * What ingest costs the service per message, without Kafka I/O: decode, parse, map and serialise to the records of its
 * transaction (raw, events, identity links), on one thread, as CPU time of that thread. FHIR uses the Synthea bundles
 * under the given path (resources/s per core); HL7 uses generated ORU^R01 messages with two results (messages/s per
 * core). The end-to-end rate ({@link IngestBenchmarkIT}) adds HTTP/MLLP, the commit and the broker on the same cores.
 * The host's speed ({@link HostSpeed}) is printed before and after.
 *
 * <p>Run: {@code java -cp <test classpath> org.openspr.ingest.bench.IngestCostBenchmark [DATA_PATH] [ROUNDS] [SECONDS_PER_ROUND]}
 * (without a path, HL7 only).
 */
public final class IngestCostBenchmark {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private IngestCostBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path data = args.length > 0 && !args[0].equals("-") ? Path.of(args[0]) : null;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 5;
        System.out.println("host speed before: " + HostSpeed.describe());
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.volatileForUnitTests().start()) {
            OutboundRecords records = new OutboundRecords(Topics.create(new RestSchemaRegistryClient(registry.url())));
            SourceDefaults defaults = new SourceDefaults("bench", "RX1");
            if (data != null) {
                fhir(new FhirIngestor(defaults, true), records, bundles(data), rounds, seconds);
            }
            hl7(new Hl7Ingestor(defaults, false), records, rounds, seconds);
        }
        System.out.println("host speed after: " + HostSpeed.describe());
    }

    private static void fhir(FhirIngestor ingestor, OutboundRecords records, List<byte[]> bundles, int rounds, double seconds) {
        int[] next = {0};
        measure("FHIR", "resources", rounds, seconds, () -> bundles.get(next[0]++ % bundles.size()), InboundMessage.FHIR_JSON,
                body -> ingestor.ingest(body, false, FhirIngestor.Expect.TRANSACTION_OR_BATCH, null, Instant.now()),
                records, mapped -> mapped.outcomes().size());
    }

    private static void hl7(Hl7Ingestor ingestor, OutboundRecords records, int rounds, double seconds) {
        int[] next = {0};
        measure("HL7", "messages", rounds, seconds, () -> {
            int n = next[0]++;
            return Hl7Messages.oru("C" + n, n % 900_000).getBytes(StandardCharsets.UTF_8);
        }, InboundMessage.HL7_V2, bytes -> ingestor.ingest(bytes, Instant.now()).mapped(), records, mapped -> 1);
    }

    /**
     * Rounds of {@code seconds} CPU time each: {@code ingest} decodes, parses and maps the next message (timed on its
     * own as well), then its records are serialised as the pipeline does.
     */
    private static void measure(String what, String unit, int rounds, double seconds, Supplier<byte[]> next, String contentType,
                                Function<byte[], MappedMessage> ingest, OutboundRecords records, ToIntFunction<MappedMessage> units) {
        double[] parseMap = new double[rounds];
        double[] total = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long count = 0;
            long mapNanos = 0;
            long start = CPU.getCurrentThreadCpuTime();
            long end = start;
            while (end - start < seconds * 1e9) {
                byte[] body = next.get();
                long t0 = CPU.getCurrentThreadCpuTime();
                MappedMessage mapped = ingest.apply(body);
                long t1 = CPU.getCurrentThreadCpuTime();
                if (mapped.rejected()) {
                    throw new IllegalStateException("rejected: " + mapped.rejection().getMessage());
                }
                records.of(new InboundMessage("bench", contentType, body, Instant.now()), mapped);
                end = CPU.getCurrentThreadCpuTime();
                mapNanos += t1 - t0;
                count += units.applyAsInt(mapped);
            }
            parseMap[r] = count / (mapNanos / 1e9);
            total[r] = count / ((end - start) / 1e9);
            System.out.printf("%s round %d: %,.0f %s/s per core (decode+parse+map %,.0f/s; %.1f us each)%n",
                    what, r + 1, total[r], unit, parseMap[r], 1e6 / total[r]);
        }
        System.out.printf("%s MEDIAN of rounds 2-%d: %,.0f %s/s per core; decode+parse+map alone %,.0f/s%n",
                what, rounds, median(total), unit, median(parseMap));
    }

    private static List<byte[]> bundles(Path given) throws IOException {
        Path dir = Files.isDirectory(given.resolve("synthea-r4")) ? given.resolve("synthea-r4") : given;
        List<byte[]> bundles = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                bundles.add(Files.readAllBytes(f));
            }
        }
        return bundles;
    }

    // round 1 warms the JIT
    private static double median(double[] values) {
        double[] v = Arrays.copyOfRange(values, Math.min(1, values.length - 1), values.length);
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}

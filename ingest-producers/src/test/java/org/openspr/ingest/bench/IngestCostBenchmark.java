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
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.volatileForUnitTests().start()) {
            OutboundRecords records = new OutboundRecords(Topics.create(new RestSchemaRegistryClient(registry.url())));
            SourceDefaults defaults = new SourceDefaults("bench", "RX1");
            if (data != null) {
                fhir(new FhirIngestor(defaults, true), records, bundles(data), rounds, seconds);
            }
            hl7(new Hl7Ingestor(defaults, false), records, rounds, seconds);
        }
    }

    private static void fhir(FhirIngestor ingestor, OutboundRecords records, List<byte[]> bundles, int rounds, double seconds) {
        double[] parseMap = new double[rounds];
        double[] total = new double[rounds];
        int b = 0;
        for (int r = 0; r < rounds; r++) {
            long resources = 0;
            long mapNanos = 0;
            long start = CPU.getCurrentThreadCpuTime();
            long end = start;
            while (end - start < seconds * 1e9) {
                byte[] body = bundles.get(b++ % bundles.size());
                long t0 = CPU.getCurrentThreadCpuTime();
                MappedMessage mapped = ingestor.ingest(body, false, FhirIngestor.Expect.TRANSACTION_OR_BATCH, null, Instant.now());
                long t1 = CPU.getCurrentThreadCpuTime();
                if (mapped.rejected()) {
                    throw new IllegalStateException("rejected: " + mapped.rejection().getMessage());
                }
                records.of(new InboundMessage("http", InboundMessage.FHIR_JSON, body, Instant.now()), mapped);
                end = CPU.getCurrentThreadCpuTime();
                mapNanos += t1 - t0;
                resources += mapped.outcomes().size();
            }
            parseMap[r] = resources / (mapNanos / 1e9);
            total[r] = resources / ((end - start) / 1e9);
            System.out.printf("FHIR round %d: %,.0f resources/s per core (decode+parse+map %,.0f/s; %.1f us per resource)%n",
                    r + 1, total[r], parseMap[r], 1e6 / total[r]);
        }
        System.out.printf("FHIR MEDIAN of rounds 2-%d: %,.0f resources/s per core; decode+parse+map alone %,.0f/s%n",
                rounds, median(total), median(parseMap));
    }

    private static void hl7(Hl7Ingestor ingestor, OutboundRecords records, int rounds, double seconds) {
        double[] parseMap = new double[rounds];
        double[] total = new double[rounds];
        int n = 0;
        for (int r = 0; r < rounds; r++) {
            long messages = 0;
            long mapNanos = 0;
            long start = CPU.getCurrentThreadCpuTime();
            long end = start;
            while (end - start < seconds * 1e9) {
                byte[] bytes = Hl7Messages.oru("C" + n, n % 900_000).getBytes(StandardCharsets.UTF_8);
                n++;
                long t0 = CPU.getCurrentThreadCpuTime();
                Hl7Ingestor.Result result = ingestor.ingest(bytes, Instant.now());
                long t1 = CPU.getCurrentThreadCpuTime();
                if (result.mapped().rejected()) {
                    throw new IllegalStateException("rejected: " + result.mapped().rejection().getMessage());
                }
                records.of(new InboundMessage("mllp", InboundMessage.HL7_V2, bytes, Instant.now()), result.mapped());
                end = CPU.getCurrentThreadCpuTime();
                mapNanos += t1 - t0;
                messages++;
            }
            parseMap[r] = messages / (mapNanos / 1e9);
            total[r] = messages / ((end - start) / 1e9);
            System.out.printf("HL7 round %d: %,.0f messages/s per core (decode+parse+map %,.0f/s; %.1f us per message)%n",
                    r + 1, total[r], parseMap[r], 1e6 / total[r]);
        }
        System.out.printf("HL7 MEDIAN of rounds 2-%d: %,.0f messages/s per core; decode+parse+map alone %,.0f/s%n",
                rounds, median(total), median(parseMap));
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

package org.openspr.cli.local;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spr local}: the whole platform in one process on a persistent data directory: Kafka broker and schema
 * registry, ingest (FHIR over HTTP, HL7 v2 over MLLP), the record projector, the audit ledger and the query
 * service. Prints one line with "ready" once everything answers; Ctrl-C stops it cleanly, in reverse order;
 * started again on the same directory it finds all its data.
 */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Run the whole platform locally in one process: Kafka (KRaft), schema registry, ingest (HTTP + MLLP), "
                + "record projector, audit ledger and query service, on a persistent data directory.")
public final class LocalCommand implements Callable<Integer> {
    @Option(names = "--data-dir", defaultValue = "${env:SPR_DATA_DIR:-.spr-data}",
            description = "Where everything lives (broker log, stores, keys). Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Option(names = "--http-port", defaultValue = "8080", description = "Query service (clinician, patient, FHIR read, audit APIs). Default: ${DEFAULT-VALUE}")
    int httpPort;

    @Option(names = "--ingest-port", defaultValue = "8090", description = "FHIR ingest HTTP port (POST /fhir). Default: ${DEFAULT-VALUE}")
    int ingestPort;

    @Option(names = "--mllp-port", defaultValue = "2575", description = "HL7 v2 MLLP port. Default: ${DEFAULT-VALUE}")
    int mllpPort;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka client port. Default: ${DEFAULT-VALUE}")
    int kafkaPort;

    @Option(names = "--controller-port", defaultValue = "9093", description = "KRaft controller port. Default: ${DEFAULT-VALUE}")
    int controllerPort;

    @Option(names = "--registry-port", defaultValue = "8081", description = "Schema registry HTTP port. Default: ${DEFAULT-VALUE}")
    int registryPort;

    @Option(names = "--with-sample-data", description = "On first start, load generated UK-shaped sample patients (see --sample-patients).")
    boolean withSampleData;

    @Option(names = "--sample-patients", defaultValue = "25", description = "How many sample patients --with-sample-data loads. Default: ${DEFAULT-VALUE}")
    int samplePatients;

    @Override
    public Integer call() throws Exception {
        Path root = dataDir.toAbsolutePath().normalize();
        System.out.println("spr local: starting with data directory " + root);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<LocalStack> stack = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("spr local: stopping");
            LocalStack started = stack.get();
            if (started != null) {
                started.close();
            }
            System.out.println("spr local: stopped; data kept in " + root);
            stopped.countDown();
        }, "spr-local-shutdown"));

        LocalStack platform = LocalStack.start(root, new LocalStack.Ports(httpPort, ingestPort, mllpPort, kafkaPort, controllerPort,
                registryPort), System.out);
        stack.set(platform);
        if (withSampleData) {
            new SampleDataLoader(root, platform.bootstrapServers(), platform.schemaRegistryUrl()).loadOnce(samplePatients);
        }
        System.out.printf("spr local: ready http=http://127.0.0.1:%d fhir-ingest=http://127.0.0.1:%d/fhir mllp=127.0.0.1:%d "
                        + "kafka=%s schema-registry=%s data=%s%n", platform.httpPort(), platform.ingestPort(), platform.mllpPort(),
                platform.bootstrapServers(), platform.schemaRegistryUrl(), root);
        stopped.await();
        return 0;
    }
}

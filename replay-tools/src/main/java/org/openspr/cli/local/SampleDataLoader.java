package org.openspr.cli.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openspr.cli.sample.SampleIngest;
import org.openspr.cli.sample.UkPatientGenerator;
import org.openspr.ingest.bulk.ImportSummary;

/**
 * Loads generated sample patients through the real ingest path on the first start of a data directory. A marker
 * file records that it happened; re-loading would change nothing anyway (deterministic ids), but costs time.
 */
final class SampleDataLoader {
    private static final String MARKER = "sample-data.loaded";

    private final Path dataDir;
    private final String kafka;
    private final String registry;

    SampleDataLoader(Path dataDir, String kafka, String registry) {
        this.dataDir = dataDir;
        this.kafka = kafka;
        this.registry = registry;
    }

    void loadOnce(int patients) throws IOException {
        Path marker = dataDir.resolve(MARKER);
        if (Files.exists(marker)) {
            System.out.println("spr local: sample data already loaded (" + Files.readString(marker).trim() + ")");
            return;
        }
        UkPatientGenerator generator = new UkPatientGenerator(1, 4);
        Path file = SampleIngest.writeNdjson(generator, 0, patients, dataDir.resolve("sample-data").resolve("patients.ndjson"));
        ImportSummary summary = SampleIngest.load(kafka, registry, "sample", file);
        String note = patients + " patients, " + summary.recorded() + " items recorded, first NHS number " + generator.patient(0).nhsNumber();
        System.out.println("spr local: sample data loaded: " + note);
        if (summary.complete()) {
            Files.writeString(marker, note + "\n");
        }
    }
}

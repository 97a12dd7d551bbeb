package org.openspr.cli.local;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openspr.cli.ingest.OneOffIngest;
import org.openspr.cli.sample.UkPatientGenerator;
import org.openspr.ingest.IngestRuntime;
import org.openspr.ingest.IngestSettings;
import org.openspr.ingest.bulk.BulkImportOptions;
import org.openspr.ingest.bulk.BulkImporter;
import org.openspr.ingest.bulk.ImportProgressListener;
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
        Path file = dataDir.resolve("sample-data").resolve("patients.ndjson");
        Files.createDirectories(file.getParent());
        UkPatientGenerator generator = new UkPatientGenerator(1, 4);
        IParser json = FhirContext.forR4Cached().newJsonParser().setPrettyPrint(false);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < patients; i++) {
                out.write(json.encodeResourceToString(generator.patient(i).bundle()));
                out.newLine();
            }
        }
        IngestSettings settings = OneOffIngest.settings(kafka, registry, "sample");
        ImportSummary summary;
        try (IngestRuntime runtime = IngestRuntime.start(settings)) {
            summary = new BulkImporter(runtime.pipeline(), BulkImportOptions.defaults()).run(List.of(file), ImportProgressListener.NONE);
        }
        String note = patients + " patients, " + summary.recorded() + " items recorded, first NHS number " + generator.patient(0).nhsNumber();
        System.out.println("spr local: sample data loaded: " + note);
        if (summary.complete()) {
            Files.writeString(marker, note + "\n");
        }
    }
}

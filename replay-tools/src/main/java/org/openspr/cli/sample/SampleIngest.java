package org.openspr.cli.sample;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openspr.cli.ingest.OneOffIngest;
import org.openspr.ingest.IngestRuntime;
import org.openspr.ingest.IngestSettings;
import org.openspr.ingest.bulk.BulkImportOptions;
import org.openspr.ingest.bulk.BulkImporter;
import org.openspr.ingest.bulk.ImportProgressListener;
import org.openspr.ingest.bulk.ImportSummary;

/** Writes generated patients as an NDJSON file of transaction bundles and loads it through the real ingest path. */
public final class SampleIngest {
    private SampleIngest() {
    }

    /** Writes patients {@code first .. first+count-1} of the generator to {@code file}, one bundle per line. */
    public static Path writeNdjson(UkPatientGenerator generator, long first, int count, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        IParser json = FhirContext.forR4Cached().newJsonParser().setPrettyPrint(false);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long i = first; i < first + count; i++) {
                out.write(json.encodeResourceToString(generator.patient(i).bundle()));
                out.newLine();
            }
        }
        return file;
    }

    /** Imports the file with a one-off ingest runtime (its own transactional ids), as {@code spr import} does. */
    public static ImportSummary load(String bootstrapServers, String schemaRegistryUrl, String purpose, Path file) {
        IngestSettings settings = OneOffIngest.settings(bootstrapServers, schemaRegistryUrl, purpose);
        try (IngestRuntime runtime = IngestRuntime.start(settings)) {
            return new BulkImporter(runtime.pipeline(), BulkImportOptions.defaults()).run(List.of(file), ImportProgressListener.NONE);
        }
    }
}

package org.openspr.cli.sample;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.openspr.cli.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spr generate}: writes UK-shaped synthetic patients as FHIR R4 transaction bundles for import and benchmarks. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate UK-shaped synthetic patients (NHS test numbers, ODS, SNOMED CT, dm+d, LOINC) as FHIR R4 transaction bundles.")
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--patients", defaultValue = "100", description = "How many patients. Default: ${DEFAULT-VALUE}")
    long patients;

    @Option(names = "--first", defaultValue = "0", description = "Index of the first patient (NHS test number index). Default: ${DEFAULT-VALUE}")
    long first;

    @Option(names = "--encounters", defaultValue = "4", description = "Average encounters per patient. Default: ${DEFAULT-VALUE}")
    int encounters;

    @Option(names = "--seed", defaultValue = "1", description = "Population seed; the same seed gives the same data. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--ndjson", description = "Write one NDJSON file (one bundle per line) instead of one JSON file per patient.")
    boolean ndjson;

    @Option(names = {"-o", "--out"}, required = true, description = "Directory to write to (created if missing).")
    Path out;

    @Override
    public Integer call() throws IOException {
        Files.createDirectories(out);
        UkPatientGenerator generator = new UkPatientGenerator(seed, encounters);
        IParser json = FhirContext.forR4Cached().newJsonParser();
        long resources = 0;
        try (ProgressBar progress = new ProgressBar(System.out, "generate", patients, "patients");
             BufferedWriter lines = ndjson ? Files.newBufferedWriter(out.resolve("patients.ndjson"), StandardCharsets.UTF_8) : null) {
            for (long i = first; i < first + patients; i++) {
                UkPatientGenerator.GeneratedPatient patient = generator.patient(i);
                resources += patient.resourceCount();
                if (lines != null) {
                    lines.write(json.setPrettyPrint(false).encodeResourceToString(patient.bundle()));
                    lines.newLine();
                } else {
                    Files.writeString(out.resolve(String.format("patient-%s.json", patient.nhsNumber())),
                            json.setPrettyPrint(true).encodeResourceToString(patient.bundle()), StandardCharsets.UTF_8);
                }
                progress.step(1);
            }
        }
        System.out.printf("generate: %d patients, %d resources written to %s%n", patients, resources, out.toAbsolutePath());
        return 0;
    }
}

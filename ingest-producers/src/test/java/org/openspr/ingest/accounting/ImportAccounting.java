package org.openspr.ingest.accounting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Independent count of the items in a set of import files (same splitting rules the importer documents). */
final class ImportAccounting {
    private ImportAccounting() {
    }

    static long items(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> files = walk.filter(Files::isRegularFile).toList();
            long total = 0;
            for (Path f : files) {
                String name = f.getFileName().toString();
                byte[] bytes = Files.readAllBytes(f);
                if (name.endsWith(".ndjson")) {
                    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                        total += line.isBlank() ? 0 : 1;
                    }
                } else if (name.endsWith(".json")) {
                    total += InputCounter.fhirResources(bytes);
                } else if (name.endsWith(".hl7")) {
                    total += InputCounter.hl7Segments(bytes);
                }
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

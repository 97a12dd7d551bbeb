package org.openspr.ingest.bulk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.openspr.events.errors.SprException;
import org.openspr.ingest.IngestErrorCode;

/** Finds importable files and splits them into messages: .json (one), .ndjson (one per line), .hl7 (one per MSH). */
final class ImportFiles {
    enum Kind { FHIR_JSON, FHIR_NDJSON, HL7 }

    private ImportFiles() {
    }

    /** Files under the given paths (directories recursively), in a stable order, with a known kind. */
    static List<Path> expand(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new SprException(IngestErrorCode.BULK_UNREADABLE, p, "no such file or directory");
            }
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).filter(f -> kind(f) != null).sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new SprException(e, IngestErrorCode.BULK_UNREADABLE, p, e.getMessage());
                }
            } else if (kind(p) == null) {
                throw new SprException(IngestErrorCode.BULK_UNKNOWN_FILE, p);
            } else {
                out.add(p);
            }
        }
        return out;
    }

    static Kind kind(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".ndjson")) {
            return Kind.FHIR_NDJSON;
        }
        if (name.endsWith(".json")) {
            return Kind.FHIR_JSON;
        }
        if (name.endsWith(".hl7") || name.endsWith(".er7")) {
            return Kind.HL7;
        }
        return null;
    }

    static List<byte[]> messages(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SprException(e, IngestErrorCode.BULK_UNREADABLE, file, e.getMessage());
        }
        return switch (kind(file)) {
            case FHIR_JSON -> List.of(bytes);
            case FHIR_NDJSON -> lines(bytes);
            case HL7 -> hl7Messages(bytes);
        };
    }

    private static List<byte[]> lines(byte[] bytes) {
        List<byte[]> out = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                out.add(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** A file may hold many messages; each starts with an MSH segment at the start of a line. Batch envelopes are dropped. */
    private static List<byte[]> hl7Messages(byte[] bytes) {
        // ISO-8859-1 maps bytes 1:1, so splitting cannot damage UTF-8 text; the ingestor decodes each message itself
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        List<byte[]> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String segment : text.split("\r\n|\r|\n")) {
            String name = segment.startsWith("\uFEFF") ? segment.substring(1) : segment;
            if (name.isBlank() || name.startsWith("FHS") || name.startsWith("BHS") || name.startsWith("BTS") || name.startsWith("FTS")) {
                continue;
            }
            if (name.startsWith("MSH") && current.length() > 0) {
                out.add(current.toString().getBytes(StandardCharsets.ISO_8859_1));
                current.setLength(0);
            }
            current.append(segment).append('\r');
        }
        if (current.length() > 0) {
            out.add(current.toString().getBytes(StandardCharsets.ISO_8859_1));
        }
        return out;
    }
}

package org.openspr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openspr.audit.AuditErrorCode;
import org.openspr.embedded.LocalPlatformException;
import org.openspr.events.errors.ErrorCode;
import org.openspr.events.errors.SprErrorCode;
import org.openspr.ingest.IngestErrorCode;
import org.openspr.projector.ProjectorErrorCode;
import org.openspr.query.QueryErrorCode;

/** Every code a user or operator can be shown has its row in docs/error-codes.md (this module sees every module). */
class ErrorCodesDocumentedTest {
    private static final Path DOC = Path.of("..", "docs", "error-codes.md");

    @Test
    void shouldDocumentEveryErrorCodeOfEveryModule() throws IOException {
        String doc = Files.readString(DOC);
        List<String> codes = new ArrayList<>();
        Stream.of(SprErrorCode.values(), IngestErrorCode.values(), ProjectorErrorCode.values(), QueryErrorCode.values(),
                AuditErrorCode.values(), CliErrorCode.values()).flatMap(Stream::of).map(ErrorCode::code).forEach(codes::add);
        codes.addAll(localPlatformCodes());

        assertThat(codes).hasSizeGreaterThan(70);
        assertThat(codes).allSatisfy(code -> assertThat(doc).as(code).contains("| " + code + " |"));
    }

    private static List<String> localPlatformCodes() {
        List<String> codes = new ArrayList<>();
        for (Field field : LocalPlatformException.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    codes.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return codes;
    }
}

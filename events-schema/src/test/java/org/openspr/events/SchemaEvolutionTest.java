package org.openspr.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaValidationException;
import org.apache.avro.SchemaValidator;
import org.apache.avro.SchemaValidatorBuilder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openspr.events.avro.AuditAlertRaised;
import org.openspr.events.avro.ClinicalEvent;
import org.openspr.events.avro.IdentityEvent;
import org.openspr.events.avro.LedgerCheckpoint;
import org.openspr.events.avro.LedgerEntry;
import org.openspr.events.avro.RecordAccessed;
import org.openspr.events.avro.RecordItem;

/**
 * Every top-level event schema must stay BACKWARD_TRANSITIVE compatible: the current schema reads data written
 * with every earlier version. Earlier versions are kept as fixtures in src/test/resources/schema-history/NAME/vN.avsc;
 * when a schema changes, this test fails until the new version is added there (it writes the candidate file
 * to target/schema-history-candidates for you to copy).
 */
class SchemaEvolutionTest {
    private static final SchemaValidator BACKWARD_TRANSITIVE = new SchemaValidatorBuilder().canReadStrategy().validateAll();

    static Stream<Class<? extends SpecificRecord>> topLevelSchemas() {
        return Stream.of(ClinicalEvent.class, IdentityEvent.class, RecordAccessed.class, RecordItem.class, LedgerEntry.class,
                LedgerCheckpoint.class, AuditAlertRaised.class);
    }

    @ParameterizedTest
    @MethodSource("topLevelSchemas")
    void shouldReadDataWrittenWithEveryEarlierVersion(Class<? extends SpecificRecord> type) throws IOException {
        Schema current = SpecificData.get().getSchema(type);
        List<Schema> history = history(type.getSimpleName());
        assertThat(history).as("schema history fixtures for %s", type.getSimpleName()).isNotEmpty();

        assertThatCode(() -> BACKWARD_TRANSITIVE.validate(current, newestFirst(history))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @MethodSource("topLevelSchemas")
    void shouldKeepTheCurrentVersionAsAFixture(Class<? extends SpecificRecord> type) throws IOException {
        Schema current = SpecificData.get().getSchema(type);
        List<Schema> history = history(type.getSimpleName());
        if (history.isEmpty() || !history.get(history.size() - 1).equals(current)) {
            Path candidate = Path.of("target", "schema-history-candidates", type.getSimpleName(), "v" + (history.size() + 1) + ".avsc");
            Files.createDirectories(candidate.getParent());
            Files.writeString(candidate, current.toString(true) + "\n");
        }
        assertThat(history).as("%s changed: copy %s into src/test/resources/schema-history/%s/",
                type.getSimpleName(), "target/schema-history-candidates/" + type.getSimpleName(), type.getSimpleName())
                .isNotEmpty()
                .last().isEqualTo(current);
    }

    @Test
    void shouldRejectARequiredFieldAddedWithoutDefault() throws IOException {
        Schema v1 = history("ClinicalEvent").get(0);
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : v1.getFields()) {
            fields.add(new Schema.Field(field, field.schema()));
        }
        fields.add(new Schema.Field("careSetting", SchemaBuilder.builder().stringType(), "added without a default", (Object) null));
        Schema broken = Schema.createRecord(v1.getName(), v1.getDoc(), v1.getNamespace(), false, fields);

        assertThatThrownBy(() -> BACKWARD_TRANSITIVE.validate(broken, List.of(v1)))
                .isInstanceOf(SchemaValidationException.class);
    }

    private static List<Schema> history(String name) throws IOException {
        List<Schema> versions = new ArrayList<>();
        for (int version = 1; ; version++) {
            String resource = "/schema-history/" + name + "/v" + version + ".avsc";
            try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
    }

    private static List<Schema> newestFirst(List<Schema> history) {
        List<Schema> reversed = new ArrayList<>(history);
        Collections.reverse(reversed);
        return reversed;
    }
}

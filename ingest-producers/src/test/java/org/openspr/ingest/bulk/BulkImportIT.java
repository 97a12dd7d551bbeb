package org.openspr.ingest.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openspr.embedded.junit.LocalPlatformExtension;
import org.openspr.ingest.IngestRuntime;
import org.openspr.ingest.IngestSettings;
import org.openspr.ingest.support.TopicReader;

class BulkImportIT {
    @RegisterExtension
    static final LocalPlatformExtension platform = new LocalPlatformExtension();
    private static IngestRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = IngestRuntime.start(IngestSettings.local(platform.bootstrapServers(), platform.schemaRegistryUrl())
                .withTransactionalIdPrefix("it-bulk").withAssignTestNhsNumbers(true));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void shouldImportEveryFixtureReportProgressAndSkipCheckpointedFilesOnARerun(@TempDir Path tmp) throws Exception {
        Path fixtures = Path.of(getClass().getResource("/fixtures").toURI());
        Path checkpoint = tmp.resolve("import.checkpoint");
        AtomicInteger progressCalls = new AtomicInteger();
        ImportProgressListener listener = new ImportProgressListener() {
            @Override
            public void progress(Path file, long bytesDone, long totalBytes, ImportSummary soFar) {
                assertThat(bytesDone).isLessThanOrEqualTo(totalBytes);
                progressCalls.incrementAndGet();
            }
        };
        BulkImporter importer = new BulkImporter(runtime.pipeline(), BulkImportOptions.defaults().withCheckpoint(checkpoint));

        ImportSummary first = importer.run(List.of(fixtures), listener);

        assertThat(first.complete()).isTrue();
        assertThat(first.items()).isEqualTo(org.openspr.ingest.accounting.AccountingAccess.items(fixtures));
        assertThat(progressCalls.get()).isEqualTo(first.files());
        assertThat(Files.readAllLines(checkpoint)).hasSize(first.files());
        var events = TopicReader.readAtLeast(platform.bootstrapServers(), runtime.topics().clinicalEvents(),
                (int) first.clinicalEvents(), Duration.ofSeconds(60));
        assertThat(events.stream().map(r -> r.value().getEventId()).distinct()).hasSize((int) first.clinicalEvents());
        assertThat(events).allSatisfy(r -> assertThat(r.value().getPatient().getNhsNumber()).isNotNull());

        ImportSummary again = importer.run(List.of(fixtures), ImportProgressListener.NONE);

        assertThat(again.filesSkipped()).isEqualTo(first.files());
        assertThat(again.messages()).isZero();
    }
}

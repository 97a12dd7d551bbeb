package org.openspr.ingest.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openspr.embedded.junit.LocalPlatformExtension;
import org.openspr.ingest.IngestRuntime;
import org.openspr.ingest.IngestSettings;
import org.openspr.ingest.bulk.BulkImportOptions;
import org.openspr.ingest.bulk.BulkImporter;
import org.openspr.ingest.bulk.ImportProgressListener;
import org.openspr.ingest.bulk.ImportSummary;
import org.openspr.ingest.support.TopicReader;

/**
 * Runs the whole shared data set through the real pipeline and broker and accounts for every item.
 * Run with {@code -Dspr.shared.data=/work/shared/data -Dit.test=SharedDataAccountingIT}; skipped without it.
 */
@EnabledIfSystemProperty(named = "spr.shared.data", matches = ".+")
class SharedDataAccountingIT {
    @RegisterExtension
    static final LocalPlatformExtension platform = new LocalPlatformExtension();

    @Test
    void shouldAccountForEveryResourceAndSegmentOfTheSharedData() {
        Path root = Path.of(System.getProperty("spr.shared.data"));
        Map<String, ImportSummary> summaries = new LinkedHashMap<>();
        long events = 0;
        try (IngestRuntime runtime = IngestRuntime.start(IngestSettings.local(platform.bootstrapServers(), platform.schemaRegistryUrl())
                .withTransactionalIdPrefix("it-shared"))) {
            BulkImporter importer = new BulkImporter(runtime.pipeline(), BulkImportOptions.defaults());
            for (String folder : new String[] {"synthea-r4", "fhir-nhs", "hl7v2"}) {
                Path dir = root.resolve(folder);
                ImportSummary s = importer.run(java.util.List.of(dir), new ImportProgressListener() {
                    @Override
                    public void problem(Path file, String messageId, String reason) {
                        System.out.printf("  rejected %s (%s): %s%n", root.relativize(file), messageId, reason);
                    }
                });
                summaries.put(folder, s);
                long in = ImportAccounting.items(dir);
                System.out.printf("%-10s files=%d messages=%d (rejected whole: %d, failed: %d) items in=%d = recorded %d + not recorded %d"
                                + " + rejected %d; clinical events %d, identity events %d%n", folder, s.files(), s.messages(),
                        s.messagesRejected(), s.messagesFailed(), in, s.recorded(), s.notRecorded(), s.rejected(), s.clinicalEvents(),
                        s.identityEvents());
                assertThat(s.complete()).isTrue();
                assertThat(s.items()).as(folder).isEqualTo(in);
                events += s.clinicalEvents();
            }
            var onKafka = TopicReader.readAtLeast(platform.bootstrapServers(), runtime.topics().clinicalEvents(), (int) events,
                    Duration.ofSeconds(120));
            long distinct = onKafka.stream().map(r -> r.value().getEventId()).distinct().count();
            System.out.printf("clinical events on Kafka: %d records, %d distinct event ids (expected %d)%n", onKafka.size(), distinct, events);
            assertThat(distinct).isEqualTo(events);
        }
    }
}

package org.openspr.ingest.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openspr.ingest.fhir.FhirIngestor;
import org.openspr.ingest.hl7.Hl7Ingestor;
import org.openspr.ingest.map.ItemOutcome;
import org.openspr.ingest.map.MappedMessage;
import org.openspr.ingest.map.SourceDefaults;

/** Every resource and segment of every fixture is accounted for: in = recorded + not recorded + rejected (with reason). */
class FixtureAccountingTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final FhirIngestor fhir = new FhirIngestor(new SourceDefaults("acct", "X26"), false);
    private final Hl7Ingestor hl7 = new Hl7Ingestor(new SourceDefaults("acct", "X26"), false);

    @Test
    void shouldAccountForEveryResourceAndSegmentOfEveryFixture() throws IOException, URISyntaxException {
        Path root = Path.of(getClass().getResource("/fixtures").toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".hl7")).sorted().toList();
        }
        long in = 0;
        long recorded = 0;
        long notRecorded = 0;
        long rejected = 0;
        long events = 0;
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            boolean isHl7 = file.toString().endsWith(".hl7");
            MappedMessage m = isHl7 ? hl7.ingest(bytes, NOW).mapped() : fhir.ingest(bytes, false, FhirIngestor.Expect.ANY, null, NOW);
            int items = isHl7 ? InputCounter.hl7Segments(bytes) : InputCounter.fhirResources(bytes);
            assertThat(m.outcomes()).as(root.relativize(file).toString()).hasSize(items);
            assertThat(m.outcomes()).as("reasons for " + file.getFileName())
                    .filteredOn(o -> o.status() != ItemOutcome.Status.RECORDED).allSatisfy(o -> assertThat(o.text()).isNotBlank());
            assertThat(m.outcomes()).filteredOn(o -> o.status() == ItemOutcome.Status.REJECTED)
                    .allSatisfy(o -> assertThat(o.code()).startsWith("SPR-"));
            if (!isHl7) {
                assertThat(m.clinicalEvents()).as("the events the outcomes report in " + file.getFileName())
                        .hasSize(m.outcomes().stream().mapToInt(o -> o.eventIds().size()).sum());
            }
            in += items;
            recorded += m.count(ItemOutcome.Status.RECORDED);
            notRecorded += m.count(ItemOutcome.Status.NOT_RECORDED);
            rejected += m.count(ItemOutcome.Status.REJECTED);
            events += m.clinicalEvents().size();
        }
        System.out.printf("fixtures: %d files, %d items in = %d recorded + %d not recorded + %d rejected; %d clinical events%n",
                files.size(), in, recorded, notRecorded, rejected, events);
        assertThat(recorded + notRecorded + rejected).isEqualTo(in);
    }
}

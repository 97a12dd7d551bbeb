package org.openspr.ingest.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.openspr.ingest.support.Fixtures;

class Hl7ParserTest {
    private static final List<String> FIXTURES = List.of("hl7v2/oru_r01_011.hl7", "hl7v2/adt_a01_004.hl7",
            "hl7v2/mdm_t02_001.hl7", "hl7v2/rde_o11_001.hl7", "hl7v2/rds_o13_001.hl7", "uk/vxu_v04_bom_uk.hl7");

    /**
     * HAPI's parsers keep unsynchronised caches; threads sharing one parser once failed valid messages now and then
     * (MllpGroupCommitIT saw AE for a good ORU). Each round starts a fresh parser so every message is seen for the first
     * time by many threads at once.
     */
    @Test
    void shouldParseEveryValidMessageWhenManyThreadsMeetNewStructuresAtOnce() throws Exception {
        int threads = 16;
        List<String> texts = FIXTURES.stream().map(f -> Hl7Parser.decode(Fixtures.bytes(f))).toList();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 80; round++) {
                Hl7Parser parser = new Hl7Parser();
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<List<String>>> failures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int offset = t;
                    failures.add(pool.submit(() -> {
                        start.await();
                        List<String> failed = new ArrayList<>();
                        for (int i = 0; i < texts.size(); i++) {
                            String text = texts.get((i + offset) % texts.size());
                            try {
                                List<Hl7Segment> segments = parser.parse(text);
                                assertThat(segments.get(0).get(9)).isNotBlank(); // parsed when first read
                                segments.forEach(segment -> segment.reps(1));
                            } catch (RuntimeException e) {
                                failed.add(e.getMessage());
                            }
                        }
                        return failed;
                    }));
                }
                for (Future<List<String>> f : failures) {
                    assertThat(f.get()).as("round %d", round).isEmpty();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

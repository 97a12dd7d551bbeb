package org.openspr.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openspr.cli.SprCommand;

/** {@code spr bench} at a tiny scale: every phase runs against the real platform and reports plausible numbers. */
class BenchCommandIT {

    @Test
    void shouldMeasureEveryPhaseAndWriteTheJsonResult(@TempDir Path temp) throws Exception {
        Path json = temp.resolve("bench.json");

        int exit = SprCommand.run("bench", "--patients", "6", "--encounters", "1", "--rounds", "1", "--concurrency", "2",
                "--read-seconds", "1", "--latency-samples", "3", "--json", json.toString(), "--data-dir", temp.resolve("data").toString());

        assertThat(exit).isZero();
        JsonNode result = new ObjectMapper().readTree(json.toFile());
        JsonNode round = result.at("/ingest/rounds/0");
        assertThat(round.get("bundles").asInt()).isEqualTo(6);
        assertThat(round.get("resources").asLong()).isGreaterThan(6);
        assertThat(round.get("events").asLong()).isGreaterThanOrEqualTo(round.get("resources").asLong() / 2);
        assertThat(result.at("/ingest/resourcesPerSecondMedian").asDouble()).isPositive();
        assertThat(result.at("/acceptToVisible/samples").asInt()).isEqualTo(3);
        assertThat(result.at("/acceptToVisible/p99Ms").asDouble()).isPositive().isLessThan(30_000);
        assertThat(result.at("/reads/concurrency1/requestsPerSecondMedian").asDouble()).isPositive();
        assertThat(result.at("/reads/concurrency2/failed").asLong()).isZero();
        assertThat(result.at("/rebuild/records").asLong()).isGreaterThanOrEqualTo(round.get("events").asLong());
        assertThat(result.at("/rebuild/entriesVerifiedIdentical").asInt()).isPositive();
    }
}

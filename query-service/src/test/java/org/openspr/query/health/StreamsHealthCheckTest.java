package org.openspr.query.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

class StreamsHealthCheckTest {
    private final AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.RUNNING);
    private final StreamsHealthCheck check = new StreamsHealthCheck("access-log replica", state::get);

    @Test
    void shouldBeHealthyWhileRunningOrRebalancing() {
        assertThat(check.execute().isHealthy()).isTrue();
        state.set(KafkaStreams.State.REBALANCING);
        assertThat(check.execute().isHealthy()).isTrue();
    }

    @Test
    void shouldSayWhichInstanceDiedOnceItIsInError() {
        state.set(KafkaStreams.State.ERROR);

        HealthCheck.Result result = check.execute();

        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage()).isEqualTo("access-log replica is ERROR");
    }
}

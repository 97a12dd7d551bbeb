package org.openspr.query.health;

import com.codahale.metrics.health.HealthCheck;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/** Healthy while the projector's Streams instance runs (REBALANCING is transient: reads answer 503 meanwhile). */
public final class StreamsHealthCheck extends HealthCheck {
    private final Supplier<KafkaStreams> streams;

    /** @param streams the projector serving now (it changes when a rebuilt projection is switched to) */
    public StreamsHealthCheck(Supplier<KafkaStreams> streams) {
        this.streams = streams;
    }

    @Override
    protected Result check() {
        KafkaStreams.State state = streams.get().state();
        return state.isRunningOrRebalancing() ? Result.healthy(state.name()) : Result.unhealthy("record projector is " + state);
    }
}

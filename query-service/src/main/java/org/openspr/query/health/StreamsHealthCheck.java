package org.openspr.query.health;

import com.codahale.metrics.health.HealthCheck;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Healthy while a Kafka Streams instance of this process runs (REBALANCING is transient: reads answer 503 meanwhile):
 * the record projector, the access-log replica. Once one has died (ERROR), the admin port's health check says which.
 */
public final class StreamsHealthCheck extends HealthCheck {
    private final String what;
    private final Supplier<KafkaStreams.State> state;

    /**
     * @param what  what the instance is, for the message ("record projector")
     * @param state its state now (the projector serving changes when a rebuilt projection is switched to)
     */
    public StreamsHealthCheck(String what, Supplier<KafkaStreams.State> state) {
        this.what = what;
        this.state = state;
    }

    @Override
    protected Result check() {
        KafkaStreams.State now = state.get();
        return now.isRunningOrRebalancing() ? Result.healthy(now.name()) : Result.unhealthy(what + " is " + now);
    }
}

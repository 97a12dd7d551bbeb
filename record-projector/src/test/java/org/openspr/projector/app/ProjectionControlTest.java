package org.openspr.projector.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.openspr.events.topics.Topics;

class ProjectionControlTest {

    @Test
    void shouldSwitchOnlyToANewApplicationIdOfTheRecordProjection() {
        assertThat(ProjectionControl.next("a", record(ProjectionControl.RECORD_PROJECTION, "b"))).contains("b");
        assertThat(ProjectionControl.next("a", record(ProjectionControl.RECORD_PROJECTION, "a"))).isEmpty();
        assertThat(ProjectionControl.next("a", record("audit-stream", "b"))).isEmpty();
        assertThat(ProjectionControl.next("a", record(ProjectionControl.RECORD_PROJECTION, null))).isEmpty();
        assertThat(ProjectionControl.next("a", record(ProjectionControl.RECORD_PROJECTION, " "))).isEmpty();
    }

    private static ConsumerRecord<String, String> record(String key, String value) {
        return new ConsumerRecord<>(Topics.PROJECTION_CONTROL.name(), 0, 0L, key, value);
    }
}

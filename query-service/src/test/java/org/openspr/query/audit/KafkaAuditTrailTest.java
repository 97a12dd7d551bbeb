package org.openspr.query.audit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;
import org.openspr.events.topics.Topics;

class KafkaAuditTrailTest {

    @Test
    void shouldHandTheConfiguredClientPropertiesToItsProducer() {
        // No broker needed: the producer checks its security settings when it is built.
        Topics topics = Topics.create(new org.openspr.events.registry.RestSchemaRegistryClient("http://127.0.0.1:1"));
        Map<String, String> secured = Map.of("security.protocol", "NOT_A_PROTOCOL");

        assertThatThrownBy(() -> KafkaAuditTrail.create("127.0.0.1:1", secured, topics.auditEvents(), new AuditConfig()))
                .isInstanceOf(KafkaException.class).hasStackTraceContaining("NOT_A_PROTOCOL");
    }
}

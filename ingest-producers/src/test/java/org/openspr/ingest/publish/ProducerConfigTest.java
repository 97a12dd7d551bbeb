package org.openspr.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openspr.ingest.http.IngestConfiguration;

class ProducerConfigTest {
    private static final Map<String, String> SECURE = Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
            "linger.ms", "5");

    @Test
    void shouldPassSecuritySettingsAndTuningToEveryLanesProducerAndItsAdminClient() {
        PublisherSettings settings = new PublisherSettings("broker:9093", "ingest-a", 2, 500, Duration.ofSeconds(30), SECURE);

        Map<String, Object> lane = ProducerFactory.config(settings, "ingest-a-0");

        assertThat(lane).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("linger.ms", "5").containsEntry("bootstrap.servers", "broker:9093");
        assertThat(settings.adminProperties()).containsEntry("security.protocol", "SASL_SSL").containsEntry("bootstrap.servers", "broker:9093");
    }

    @Test
    void shouldNotLetClientPropertiesChangeWhatExactlyOnceRestsOn() {
        PublisherSettings settings = new PublisherSettings("broker:9093", "ingest-a", 2, 500, Duration.ofSeconds(30),
                Map.of("acks", "1", "enable.idempotence", "false", "transactional.id", "someone-else", "bootstrap.servers", "elsewhere:9092"));

        assertThat(ProducerFactory.config(settings, "ingest-a-1")).containsEntry("acks", "all").containsEntry("enable.idempotence", true)
                .containsEntry("transactional.id", "ingest-a-1").containsEntry("bootstrap.servers", "broker:9093");
    }

    @Test
    void shouldTakeTheKafkaClientPropertiesOfTheServiceConfiguration() {
        IngestConfiguration configuration = new IngestConfiguration();
        configuration.kafkaClientProperties.putAll(SECURE);

        assertThat(configuration.ingestSettings().publisher().clientProperties()).isEqualTo(SECURE);
    }
}

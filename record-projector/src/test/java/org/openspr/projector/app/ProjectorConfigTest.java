package org.openspr.projector.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.openspr.projector.errors.DeadLetters;

class ProjectorConfigTest {
    final ProjectorConfig config = ProjectorConfig.local("broker:9092", "http://registry:8081", "spr-record-projector",
            Path.of("/tmp/spr"));

    @Test
    void shouldGiveEveryClientTheExtraPropertiesButKeepItsOwnGuarantees() {
        ProjectorConfig secured = config.withClientProperties(Map.of("security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512", StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE,
                StreamsConfig.APPLICATION_ID_CONFIG, "someone-else"));

        Properties streams = secured.streamsProperties(new DeadLetters());

        assertThat(streams).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "spr-record-projector");
        assertThat(secured.adminProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("bootstrap.servers", "broker:9092");
        assertThat(secured.withApplicationId("rebuilt").withStreamThreads(2).clientProperties())
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }

    @Test
    void shouldCompressAndBatchByDefaultButLetTheOperatorChange() {
        Properties defaults = config.streamsProperties(new DeadLetters());
        Properties tuned = config.withClientProperties(Map.of("producer.compression.type", "zstd")).streamsProperties(new DeadLetters());

        assertThat(defaults).containsEntry("producer.compression.type", "lz4").containsEntry("producer.batch.size", 128 * 1024);
        assertThat(tuned).containsEntry("producer.compression.type", "zstd");
    }

    @Test
    void shouldHaveNoExtraPropertiesByDefault() {
        assertThat(config.clientProperties()).isEmpty();
        assertThat(config.adminProperties()).containsOnlyKeys("bootstrap.servers");
    }
}

package org.openspr.audit.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AuditLedgerConfigTest {
    @Test
    void shouldPassSecuritySettingsButNeverTheGuaranteesOverrides() {
        AuditLedgerConfig config = AuditLedgerConfig.local("broker:9093", "http://registry:8081", Path.of("state"), null)
                .withStreamsOverrides(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN", "commit.interval.ms", 200,
                        "processing.guarantee", "at_least_once", "application.id", "someone-else"));

        Properties props = new AuditLedgerApp(config).streamsProperties();

        assertThat(props).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("commit.interval.ms", 200).containsEntry("processing.guarantee", "exactly_once_v2")
                .containsEntry("application.id", AuditLedgerConfig.DEFAULT_APPLICATION_ID).containsEntry("bootstrap.servers", "broker:9093");
    }

    @Test
    void shouldGiveTheAdminClientOnlyWhatAnAdminClientKnows() {
        AuditLedgerConfig config = AuditLedgerConfig.local("broker:9093", "http://registry:8081", Path.of("state"), null)
                .withStreamsOverrides(Map.of("security.protocol", "SASL_SSL", "sasl.jaas.config", "x", "num.stream.threads", 2));

        assertThat(new AuditLedgerApp(config).adminProperties()).containsOnlyKeys("security.protocol", "sasl.jaas.config", "bootstrap.servers");
    }
}

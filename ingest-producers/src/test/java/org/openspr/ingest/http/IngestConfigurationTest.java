package org.openspr.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.util.DataSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IngestConfigurationTest {
    private static final DataSize SIXTY_FOUR_KIB = DataSize.kibibytes(64);

    @Test
    void shouldReadRequestBodiesSixtyFourKibibytesPerSocketReadByDefault() {
        assertThat(applicationConnector(new IngestConfiguration()).getInputBufferSize()).isEqualTo(SIXTY_FOUR_KIB);
    }

    @Test
    void shouldGiveThePublisherTheConfiguredPublishTimeout() {
        IngestConfiguration config = new IngestConfiguration();
        assertThat(config.ingestSettings().publisher().publishTimeout()).isEqualTo(Duration.ofSeconds(30));

        config.publishTimeoutSeconds = 5;
        assertThat(config.ingestSettings().publisher().publishTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void shouldLoadTheDeploymentConfigurationAsTheServiceDoesWithTheEnvironmentSubstituted() throws Exception {
        Path file = Path.of("../docker/config/ingest.yml"); // the module's directory is the tests' working directory
        assertThat(file).exists();
        Bootstrap<IngestConfiguration> bootstrap = new Bootstrap<>(new IngestApplication());
        bootstrap.getApplication().initialize(bootstrap);

        IngestConfiguration config = new YamlConfigurationFactory<>(IngestConfiguration.class, Validators.newValidator(),
                bootstrap.getObjectMapper(), "dw").build(bootstrap.getConfigurationSourceProvider(), file.toString());

        assertThat(Files.readString(file)).contains("sourceSystem: ${SPR_INGEST_SOURCE_SYSTEM:-spr-ingest}");
        assertThat(config.sourceSystem).isEqualTo(environmentOr("SPR_INGEST_SOURCE_SYSTEM", "spr-ingest"));
        assertThat(config.transactionalIdPrefix).isEqualTo(environmentOr("SPR_INGEST_TRANSACTIONAL_ID", "spr-ingest-1"));
        assertThat(applicationConnector(config).getInputBufferSize()).isEqualTo(SIXTY_FOUR_KIB);
        assertThat(applicationConnector(config).getPort()).isEqualTo(8090);
        assertThat(config.mllpPort).isEqualTo(2575);
    }

    private static String environmentOr(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null ? otherwise : value;
    }

    private static HttpConnectorFactory applicationConnector(IngestConfiguration config) {
        return (HttpConnectorFactory) ((DefaultServerFactory) config.getServerFactory()).getApplicationConnectors().get(0);
    }
}

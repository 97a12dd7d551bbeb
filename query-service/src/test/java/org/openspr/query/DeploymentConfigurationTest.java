package org.openspr.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openspr.query.testing.TestConfig;

/** The configuration {@code docker/compose.yml} starts the query service with (Docker is not on the build machine). */
class DeploymentConfigurationTest {
    @Test
    void shouldLoadTheDeploymentConfigurationAsTheServiceDoesWithTheEnvironmentSubstituted() throws Exception {
        Path file = Path.of("../docker/config/query-service.yml"); // the module's directory is the tests' working directory
        assertThat(file).exists();
        Bootstrap<QueryServiceConfiguration> bootstrap = new Bootstrap<>(new QueryServiceApplication(null)); // bindings serve run() only
        bootstrap.getApplication().initialize(bootstrap);

        QueryServiceConfiguration config = new YamlConfigurationFactory<>(QueryServiceConfiguration.class, Validators.newValidator(),
                bootstrap.getObjectMapper(), "dw").build(bootstrap.getConfigurationSourceProvider(), file.toString());

        HttpConnectorFactory api = (HttpConnectorFactory) ((DefaultServerFactory) config.getServerFactory()).getApplicationConnectors().get(0);
        assertThat(api.getPort()).isEqualTo(System.getenv("SPR_QUERY_PORT") == null ? 8080 : Integer.parseInt(System.getenv("SPR_QUERY_PORT")));
        assertThat(config.kafka.bootstrapServers).doesNotContain("${");
        assertThat(config.auth.issuer).doesNotContain("${");
        // the same role profiles as the configuration the service ships with
        assertThat(config.access.roles.keySet()).isEqualTo(TestConfig.shipped().access.roles.keySet());
    }
}

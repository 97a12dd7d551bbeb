package org.openspr.query.testing;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.nio.file.Path;
import org.openspr.query.QueryServiceConfiguration;

/** Loads the configuration the service ships with, so tests exercise the real role profiles. */
public final class TestConfig {
    private TestConfig() {
    }

    /**
     * The shipped configuration on this Kafka cluster and registry, accepting the dev issuer's tokens from
     * {@code devIssuerDir}, with the API on {@code apiPort} and the admin port picked free.
     */
    public static QueryServiceConfiguration onKafka(QueryServiceConfiguration config, String bootstrapServers, String registryUrl,
                                                    Path devIssuerDir, int apiPort) {
        config.kafka.bootstrapServers = bootstrapServers;
        config.kafka.schemaRegistryUrl = registryUrl;
        config.auth.devIssuerDataDir = devIssuerDir.toString();
        DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
        ((HttpConnectorFactory) server.getApplicationConnectors().get(0)).setPort(apiPort);
        ((HttpConnectorFactory) server.getAdminConnectors().get(0)).setPort(0);
        return config;
    }

    public static QueryServiceConfiguration shipped() {
        try {
            return new YamlConfigurationFactory<>(QueryServiceConfiguration.class, Validators.newValidator(),
                    Jackson.newObjectMapper(), "dw").build(new SubstitutingSourceProvider(
                    new ResourceConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)), "query-service.yml");
        } catch (Exception e) {
            throw new IllegalStateException("query-service.yml does not load", e);
        }
    }
}

package org.openspr.query.testing;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import org.openspr.query.QueryServiceConfiguration;

/** Loads the configuration the service ships with, so tests exercise the real role profiles. */
public final class TestConfig {
    private TestConfig() {
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

package org.openspr.query.cli;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.nio.file.Path;
import org.openspr.query.QueryServiceApplication;
import org.openspr.query.QueryServiceConfiguration;
import org.openspr.query.ServiceBindings;

/**
 * Runs the query service inside another process ({@code spr local}, integration tests, the benchmark): the shipped
 * configuration with the given Kafka, registry, port and dev-issuer directory, and the caller's bindings (usually
 * {@link StreamsBindings} over the projector's running KafkaStreams), logging through the host's logging (see
 * {@link EmbeddedDropwizard}). {@link #close()} stops Jetty and every managed object (the audit producer).
 */
public final class EmbeddedQueryService implements AutoCloseable {
    /** Where {@code query-service.yml} takes the FHIR base URL from. */
    static final String BASE_URL_VARIABLE = "SPR_FHIR_BASE_URL";
    private final EmbeddedDropwizard server;
    private final QueryServiceConfiguration config;

    private EmbeddedQueryService(EmbeddedDropwizard server, QueryServiceConfiguration config) {
        this.server = server;
        this.config = config;
    }

    /**
     * @param httpPort        the API port (0 picks a free one); the admin port is always free-picked. Unless
     *                        {@code SPR_FHIR_BASE_URL} says otherwise, FHIR links name this port on 127.0.0.1
     * @param devIssuerDir    where the dev issuer keeps its key (tokens minted by {@code spr token} with the same dir
     *                        are accepted), or null to use {@code auth} from the shipped configuration
     */
    public static EmbeddedQueryService start(String bootstrapServers, String schemaRegistryUrl, int httpPort, Path devIssuerDir,
                                             ServiceBindings bindings) throws Exception {
        QueryServiceConfiguration config = shippedConfiguration();
        config.kafka.bootstrapServers = bootstrapServers;
        config.kafka.schemaRegistryUrl = schemaRegistryUrl;
        if (httpPort != 0 && System.getenv(BASE_URL_VARIABLE) == null) {
            config.fhir.baseUrl = "http://127.0.0.1:" + httpPort + "/fhir"; // the shipped default names port 8080
        }
        if (devIssuerDir != null) {
            config.auth.devIssuerDataDir = devIssuerDir.toString();
            config.auth.jwksUrl = null;
            config.auth.jwksFile = null;
        }
        return new EmbeddedQueryService(EmbeddedDropwizard.start(application(bindings), config, httpPort), config);
    }

    /** Starts with a complete configuration. */
    public static EmbeddedQueryService start(QueryServiceConfiguration config, ServiceBindings bindings) throws Exception {
        return new EmbeddedQueryService(EmbeddedDropwizard.start(application(bindings), config), config);
    }

    private static QueryServiceApplication application(ServiceBindings bindings) {
        return new QueryServiceApplication(bindings) {
            @Override
            protected void bootstrapLogging() {
                // the host process has configured logging
            }
        };
    }

    /** The shipped query-service.yml, with environment substitution. */
    public static QueryServiceConfiguration shippedConfiguration() throws Exception {
        return new YamlConfigurationFactory<>(QueryServiceConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw")
                .build(new SubstitutingSourceProvider(new ResourceConfigurationSourceProvider(),
                        new EnvironmentVariableSubstitutor(false)), "query-service.yml");
    }

    /** The port the API listens on. */
    public int port() {
        return server.port();
    }

    public QueryServiceConfiguration configuration() {
        return config;
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}

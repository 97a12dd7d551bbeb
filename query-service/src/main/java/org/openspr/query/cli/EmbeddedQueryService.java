package org.openspr.query.cli;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.jersey.validation.Validators;
import java.nio.file.Path;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.openspr.query.QueryServiceApplication;
import org.openspr.query.QueryServiceConfiguration;
import org.openspr.query.ServiceBindings;

/**
 * Runs the query service inside another process ({@code spr local}, integration tests, the benchmark): the shipped
 * configuration with the given Kafka, registry, port and dev-issuer directory, and the caller's bindings (usually
 * {@link StreamsBindings} over the projector's running KafkaStreams). {@link #close()} stops Jetty and every managed
 * object (the audit producer).
 */
public final class EmbeddedQueryService implements AutoCloseable {
    private final Server server;
    private final QueryServiceConfiguration config;

    private EmbeddedQueryService(Server server, QueryServiceConfiguration config) {
        this.server = server;
        this.config = config;
    }

    /**
     * @param httpPort        the API port (0 picks a free one); the admin port is always free-picked
     * @param devIssuerDir    where the dev issuer keeps its key (tokens minted by {@code spr token} with the same dir
     *                        are accepted), or null to use {@code auth} from the shipped configuration
     */
    public static EmbeddedQueryService start(String bootstrapServers, String schemaRegistryUrl, int httpPort, Path devIssuerDir,
                                             ServiceBindings bindings) throws Exception {
        QueryServiceConfiguration config = shippedConfiguration();
        config.kafka.bootstrapServers = bootstrapServers;
        config.kafka.schemaRegistryUrl = schemaRegistryUrl;
        if (devIssuerDir != null) {
            config.auth.devIssuerDataDir = devIssuerDir.toString();
            config.auth.jwksUrl = null;
            config.auth.jwksFile = null;
        }
        DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
        ((HttpConnectorFactory) server.getApplicationConnectors().get(0)).setPort(httpPort);
        ((HttpConnectorFactory) server.getAdminConnectors().get(0)).setPort(0);
        return start(config, bindings);
    }

    /** Starts with a complete configuration. */
    public static EmbeddedQueryService start(QueryServiceConfiguration config, ServiceBindings bindings) throws Exception {
        QueryServiceApplication application = new QueryServiceApplication(bindings);
        Server[] started = new Server[1];
        Bootstrap<QueryServiceConfiguration> bootstrap = new Bootstrap<>(application) {
            @Override
            public void run(QueryServiceConfiguration configuration, Environment environment) throws Exception {
                environment.lifecycle().addServerLifecycleListener(s -> started[0] = s);
                super.run(configuration, environment);
            }
        };
        application.initialize(bootstrap);
        new EmbeddedServerCommand(application).start(bootstrap, config);
        return new EmbeddedQueryService(started[0], config);
    }

    // Dropwizard's own way in (as DropwizardTestSupport does): the server command's run, without the CLI parser.
    private static final class EmbeddedServerCommand extends ServerCommand<QueryServiceConfiguration> {
        EmbeddedServerCommand(QueryServiceApplication application) {
            super(application);
        }

        void start(Bootstrap<QueryServiceConfiguration> bootstrap, QueryServiceConfiguration config) throws Exception {
            run(bootstrap, new Namespace(Map.of()), config);
        }
    }

    /** The shipped query-service.yml, with environment substitution. */
    public static QueryServiceConfiguration shippedConfiguration() throws Exception {
        return new YamlConfigurationFactory<>(QueryServiceConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw")
                .build(new SubstitutingSourceProvider(new ResourceConfigurationSourceProvider(),
                        new EnvironmentVariableSubstitutor(false)), "query-service.yml");
    }

    /** The port the API listens on. */
    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    public QueryServiceConfiguration configuration() {
        return config;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}

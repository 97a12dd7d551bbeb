package org.openspr.query.cli;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.request.logging.ExternalRequestLogFactory;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Runs a Dropwizard application inside a process that has its own logging ({@code spr local}, integration tests,
 * benchmarks), with a configuration object, the way its server command would.
 * <p>
 * The host's logging stays as it is: the application must be constructed with {@code bootstrapLogging()} overridden
 * to do nothing (Dropwizard's own would point every logger at standard output, where {@code spr local} prints its
 * operator lines), the logging factory is not applied (the server command's path does not), and requests are logged
 * through SLF4J under {@code org.eclipse.jetty.server.RequestLog} instead of by logback-access to standard output.
 */
public final class EmbeddedDropwizard implements AutoCloseable {
    private final Server server;

    private EmbeddedDropwizard(Server server) {
        this.server = server;
    }

    /** Starts the application on the given API port (0 picks a free one); the admin port is always free-picked. */
    public static <C extends Configuration> EmbeddedDropwizard start(Application<C> application, C config, int port) throws Exception {
        DefaultServerFactory factory = (DefaultServerFactory) config.getServerFactory();
        ((HttpConnectorFactory) factory.getApplicationConnectors().get(0)).setPort(port);
        ((HttpConnectorFactory) factory.getAdminConnectors().get(0)).setPort(0);
        return start(application, config);
    }

    /** Starts the application with the ports its configuration names. */
    public static <C extends Configuration> EmbeddedDropwizard start(Application<C> application, C config) throws Exception {
        ((DefaultServerFactory) config.getServerFactory()).setRequestLogFactory(new ExternalRequestLogFactory());
        Server[] started = new Server[1];
        Bootstrap<C> bootstrap = new Bootstrap<>(application) {
            @Override
            public void run(C configuration, Environment environment) throws Exception {
                environment.lifecycle().addServerLifecycleListener(s -> started[0] = s);
                super.run(configuration, environment);
            }
        };
        application.initialize(bootstrap);
        new ServerCommand<C>(application) {
            void start() throws Exception {
                run(bootstrap, new Namespace(Map.of()), config);
            }
        }.start();
        return new EmbeddedDropwizard(started[0]);
    }

    /** The port the API listens on. */
    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}

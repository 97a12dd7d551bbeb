package org.openspr.cli.local;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Runs a Dropwizard application inside this process with a configuration object, the way its server command would. */
final class EmbeddedDropwizard implements AutoCloseable {
    private final Server server;

    private EmbeddedDropwizard(Server server) {
        this.server = server;
    }

    /** Starts the application on the given API port (the admin port is picked free). */
    static <C extends Configuration> EmbeddedDropwizard start(Application<C> application, C config, int port) throws Exception {
        DefaultServerFactory factory = (DefaultServerFactory) config.getServerFactory();
        ((HttpConnectorFactory) factory.getApplicationConnectors().get(0)).setPort(port);
        ((HttpConnectorFactory) factory.getAdminConnectors().get(0)).setPort(0);
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

    int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}

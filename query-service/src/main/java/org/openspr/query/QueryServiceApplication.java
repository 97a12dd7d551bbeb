package org.openspr.query;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.nio.file.Path;
import java.time.Clock;
import org.openspr.query.api.ApiJson;
import org.openspr.query.auth.DevTokenIssuer;

/**
 * The query service: wiring only. Standalone: {@code java -cp ... org.openspr.query.QueryServiceApplication server
 * query-service.yml} (runs its own projector instance, see {@code StandaloneBindings}); in-process with
 * {@code spr local}: {@code EmbeddedQueryService.start(...)} with {@code StreamsBindings} over the running projector.
 */
public class QueryServiceApplication extends Application<QueryServiceConfiguration> {
    private final ServiceBindings bindings;

    public QueryServiceApplication(ServiceBindings bindings) {
        this.bindings = bindings;
    }

    public static void main(String[] args) throws Exception {
        new QueryServiceApplication(new org.openspr.query.cli.StandaloneBindings()).run(args);
    }

    @Override
    public String getName() {
        return "spr-query-service";
    }

    @Override
    public void initialize(Bootstrap<QueryServiceConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(bootstrap.getConfigurationSourceProvider(),
                new EnvironmentVariableSubstitutor(false)));
        ApiJson.configure(bootstrap.getObjectMapper());
    }

    @Override
    public void run(QueryServiceConfiguration config, Environment environment) {
        DevTokenIssuer devIssuer = config.auth.devIssuerDataDir == null ? null
                : DevTokenIssuer.open(Path.of(config.auth.devIssuerDataDir), config.auth.issuer, config.auth.audience);
        QueryComponents components = new QueryComponents(config, bindings.records(config, environment),
                bindings.accessLog(config, environment), bindings.auditTrail(config, environment), devIssuer, Clock.systemUTC(),
                bindings.forwarding(config, environment));
        components.jerseyComponents().forEach(environment.jersey()::register);
    }
}

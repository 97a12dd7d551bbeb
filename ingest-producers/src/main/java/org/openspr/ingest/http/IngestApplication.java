package org.openspr.ingest.http;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import org.openspr.ingest.IngestRuntime;
import org.openspr.ingest.mllp.MllpServer;

/** The ingest service: FHIR over HTTP and HL7 v2 over MLLP into Kafka. All wiring happens here. */
public class IngestApplication extends Application<IngestConfiguration> {
    private IngestRuntime runtime;
    private MllpServer mllp;

    public static void main(String[] args) throws Exception {
        new IngestApplication().run(args);
    }

    @Override
    public String getName() {
        return "spr-ingest";
    }

    /** {@code ${NAME}} and {@code ${NAME:-default}} in the YAML come from the environment (a name not set stays as written). */
    @Override
    public void initialize(Bootstrap<IngestConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(bootstrap.getConfigurationSourceProvider(),
                new EnvironmentVariableSubstitutor(false)));
    }

    @Override
    public void run(IngestConfiguration config, Environment environment) {
        runtime = IngestRuntime.start(config.ingestSettings());
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                if (mllp != null) {
                    mllp.close();
                }
                runtime.close();
            }
        });
        if (config.mllpPort >= 0) {
            mllp = new MllpServer(config.mllpSettings(), runtime.pipeline()).start();
        }
        environment.jersey().register(new FhirIngestResource(runtime.pipeline(), config.maxMessageBytes));
        environment.jersey().register(new UnreadBodyDrain(config.maxMessageBytes));
        environment.jersey().register(new SprExceptionMapper());
        environment.jersey().register(new FhirErrorMappers.Refused());
        environment.jersey().register(new FhirErrorMappers.Unexpected());
        environment.healthChecks().register("kafka-publisher", new HealthCheck() {
            @Override
            protected Result check() {
                String problem = runtime.pipeline().publisher().problem();
                return problem == null ? Result.healthy() : Result.unhealthy(problem);
            }
        });
    }

    /** The ingest core, once running; tests and benchmarks read its publisher's counters. */
    public IngestRuntime runtime() {
        return runtime;
    }

    /** The MLLP server, once running (null when disabled); tests use it to find the port. */
    public MllpServer mllp() {
        return mllp;
    }
}

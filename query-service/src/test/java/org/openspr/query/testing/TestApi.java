package org.openspr.query.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.ResourceExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.openspr.query.QueryComponents;
import org.openspr.query.QueryServiceConfiguration;
import org.openspr.query.api.ApiJson;
import org.openspr.query.audit.AccessLog;
import org.openspr.query.auth.DevTokenIssuer;

/** A ResourceExtension with the service's real components, a dev issuer in a temp dir and the given fakes. */
public final class TestApi {
    private TestApi() {
    }

    public static DevTokenIssuer issuer() {
        try {
            return DevTokenIssuer.open(Files.createTempDirectory("spr-dev-issuer"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ResourceExtension extension(InMemoryRecords records, AccessLog log, RecordingAuditTrail trail,
                                              DevTokenIssuer issuer) {
        QueryServiceConfiguration config = TestConfig.shipped();
        config.auth.devIssuerDataDir = Path.of("unused").toString();
        ObjectMapper mapper = ApiJson.configure(Jackson.newObjectMapper());
        ResourceExtension.Builder builder = ResourceExtension.builder().setMapper(mapper);
        new QueryComponents(config, records, log, trail, issuer, Clock.fixed(TestRecords.NOW, ZoneOffset.UTC))
                .jerseyComponents().forEach(builder::addResource);
        return builder.build();
    }
}

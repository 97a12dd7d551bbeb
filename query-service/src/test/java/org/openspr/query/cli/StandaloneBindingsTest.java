package org.openspr.query.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.openspr.query.QueryServiceConfiguration;

class StandaloneBindingsTest {

    @Test
    void shouldAdvertiseThisHostAndItsApiPortWhenNoApplicationServerIsSet() throws Exception {
        QueryServiceConfiguration config = withPort(18080);

        assertThat(StandaloneBindings.applicationServer(config)).isEqualTo(InetAddress.getLocalHost().getHostName() + ":18080");
    }

    @Test
    void shouldKeepAConfiguredApplicationServer() throws Exception {
        QueryServiceConfiguration config = withPort(18080);
        config.kafka.applicationServer = "query-1:8080";

        assertThat(StandaloneBindings.applicationServer(config)).isEqualTo("query-1:8080");
    }

    @Test
    void shouldRefuseToGuessWhenThePortIsPickedAtStart() throws Exception {
        assertThatThrownBy(() -> StandaloneBindings.applicationServer(withPort(0))).hasMessageContaining("set kafka.applicationServer");
    }

    private static QueryServiceConfiguration withPort(int port) throws Exception {
        QueryServiceConfiguration config = EmbeddedQueryService.shippedConfiguration();
        ((HttpConnectorFactory) ((DefaultServerFactory) config.getServerFactory()).getApplicationConnectors().get(0)).setPort(port);
        return config;
    }
}

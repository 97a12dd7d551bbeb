package org.openspr.ingest.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeepAliveHttpClientTest {
    private HttpServer server;
    private final Set<InetSocketAddress> peers = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // echoes the request body, with a length header, chunked, or closing the connection after it, as the path says
        server.createContext("/", exchange -> {
            peers.add(exchange.getRemoteAddress());
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/close")) {
                exchange.getResponseHeaders().set("Connection", "close");
            }
            int status = path.equals("/missing") ? 404 : 200;
            exchange.sendResponseHeaders(status, path.equals("/chunked") ? 0 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void shouldReadFixedLengthAndChunkedResponsesOverOneConnection() throws IOException {
        byte[] large = "x".repeat(300_000).getBytes(StandardCharsets.US_ASCII);
        try (KeepAliveHttpClient client = new KeepAliveHttpClient("127.0.0.1", server.getAddress().getPort())) {
            KeepAliveHttpClient.Response fixed = client.post("/fixed", "text/plain", "hello".getBytes(StandardCharsets.UTF_8));
            KeepAliveHttpClient.Response chunked = client.post("/chunked", "text/plain", large);
            KeepAliveHttpClient.Response missing = client.post("/missing", "text/plain", "gone?".getBytes(StandardCharsets.UTF_8));

            assertThat(fixed.status()).isEqualTo(200);
            assertThat(fixed.bodyText()).isEqualTo("hello");
            assertThat(chunked.body()).isEqualTo(large);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.bodyText()).isEqualTo("gone?");
        }
        assertThat(peers).hasSize(1);
    }

    @Test
    void shouldOpenANewConnectionAfterTheServerClosesOne() throws IOException {
        try (KeepAliveHttpClient client = new KeepAliveHttpClient("127.0.0.1", server.getAddress().getPort())) {
            KeepAliveHttpClient.Response first = client.post("/close", "text/plain", "one".getBytes(StandardCharsets.UTF_8));
            KeepAliveHttpClient.Response second = client.post("/fixed", "text/plain", "two".getBytes(StandardCharsets.UTF_8));

            assertThat(first.bodyText()).isEqualTo("one");
            assertThat(second.bodyText()).isEqualTo("two");
        }
        assertThat(peers).hasSize(2);
    }
}

package io.glance.client;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Closing a client stops its HttpClient before returning, the selector thread included (bin/glance closes it before
 * System.exit, whose wait for threads in native code it would otherwise lengthen), and leaves it unusable.
 */
class ClosedClientTest {
    @Test
    void closeEndsTheSelectorThreadOfAClientWithAnOpenConnection() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "{\"id\":\"1234\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length); // kept alive: the client pools the connection
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            LazyHttpClient http = new LazyHttpClient(Duration.ofSeconds(5), new PlainHttpContext());
            Transport transport = new Transport(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                    TokenSource.none(), http);
            // a request with a body: one without goes over plain http on its own socket, not through the HttpClient
            assertThat(transport.json("POST", "/v2/images", "application/json", Map.of("name", "x")))
                    .containsEntry("id", "1234");
            assertThat(http.terminated()).as("a client in use runs its selector thread").isFalse();

            transport.close();

            assertThat(http.terminated()).as("closed: the selector thread has ended").isTrue();
            assertThatThrownBy(() -> transport.json("GET", "/v2/images/1234", null, null))
                    .isInstanceOf(IllegalStateException.class).hasMessage("the client is closed");
            transport.close(); // a second close does nothing
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aRefusedKeystoneLoginLeavesNoSelectorThreadRunning() {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        ConnectionSettings settings = ConnectionSettings.fromEnvironment(Map.of("OS_AUTH_URL", "http://127.0.0.1:1/v3",
                "OS_USERNAME", "demo", "OS_PASSWORD", "secret", "OS_PROJECT_NAME", "demo",
                "OS_USER_DOMAIN_NAME", "Default", "OS_PROJECT_DOMAIN_NAME", "Default"));
        assertThatThrownBy(() -> GlanceClient.connect(settings)).isInstanceOf(GlanceClientException.class);
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(thread -> !before.contains(thread))
                .extracting(Thread::getName).noneMatch(name -> name.endsWith("SelectorManager"));
    }

    @Test
    void aClosedClientRefusesRequestsEvenBeforeItsFirst() {
        GlanceClient client = GlanceClient.create(URI.create("http://127.0.0.1:9"));
        client.close();
        assertThatThrownBy(() -> client.show("1234")).isInstanceOf(IllegalStateException.class);
    }
}

package io.glance.client;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The context of a plain-http-only client: http works through it, any TLS use is refused, never unverified. */
class PlainHttpContextTest {
    @Test
    void carriesPlainHttpAndRefusesTls() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "plain".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            HttpClient http = Transport.httpClient(Duration.ofSeconds(5), new PlainHttpContext());
            URI plain = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            assertThat(http.send(HttpRequest.newBuilder(plain).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .isEqualTo("plain");
            URI tls = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
            assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(tls).build(),
                    HttpResponse.BodyHandlers.ofString())).hasStackTraceContaining("plain http only");
        } finally {
            server.stop(0);
        }
        assertThatThrownBy(() -> new PlainHttpContext().getSocketFactory()).hasMessageContaining("plain http only");
    }
}

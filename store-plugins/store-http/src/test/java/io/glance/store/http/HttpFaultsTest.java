package io.glance.store.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.glance.store.spi.ByteRange;
import io.glance.store.spi.ObjectData;
import io.glance.store.spi.ObjectNotFoundException;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoreUnavailableException;
import io.glance.store.tck.TestingStoreContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Server failures a real web server does not produce on demand, from a scripted loopback fake. */
@Timeout(30)
class HttpFaultsTest {
    private HttpServer server;
    private StoreDriver driver;
    private volatile Handler handler;

    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws Exception;
    }

    @BeforeEach
    void start(@TempDir Path tmp) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try (exchange) {
                handler.handle(exchange);
            } catch (Exception e) {
                // the scripted failure
            }
        });
        server.start();
        driver = new HttpStoreDriverFactory().create("web", Map.of(HttpStoreConfig.ALLOWED_HOSTS, "127.0.0.1",
                HttpStoreConfig.PORTS, Integer.toString(port()), HttpStoreConfig.TIMEOUT, "1",
                HttpStoreConfig.MAX_REDIRECTS, "2"), new TestingStoreContext(tmp));
    }

    @AfterEach
    void stop() {
        driver.close();
        server.stop(0);
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    @Test
    void serverErrorIsUnavailable() {
        handler = exchange -> exchange.sendResponseHeaders(503, -1);

        assertThatThrownBy(() -> driver.get(url("/img"), null))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("503")
                .hasMessageContaining("/img");
        assertThatThrownBy(() -> driver.size(url("/img"))).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void missingIsNotFound() {
        handler = exchange -> exchange.sendResponseHeaders(404, -1);

        assertThatThrownBy(() -> driver.get(url("/gone"), null))
                .isInstanceOf(ObjectNotFoundException.class).hasMessageContaining("/gone");
    }

    @Test
    void truncatedBodyFailsInsteadOfReturningShortData() throws IOException {
        handler = exchange -> {
            exchange.sendResponseHeaders(200, 1000);
            OutputStream out = exchange.getResponseBody();
            out.write(new byte[400]);
            out.flush();
            throw new IOException("cut"); // closing the exchange without the rest drops the connection
        };

        ObjectData data = driver.get(url("/short"), null);

        try (InputStream stream = data.stream()) {
            assertThat(data.length()).isEqualTo(1000);
            assertThatThrownBy(stream::readAllBytes).isInstanceOf(IOException.class);
        }
    }

    @Test
    void bodyStalledPastTheTimeoutFails() throws IOException {
        handler = exchange -> {
            exchange.sendResponseHeaders(200, 1000);
            OutputStream out = exchange.getResponseBody();
            out.write(new byte[10]);
            out.flush();
            Thread.sleep(5000);
        };

        ObjectData data = driver.get(url("/stall"), null);
        long started = System.nanoTime();

        try (InputStream stream = data.stream()) {
            assertThatThrownBy(stream::readAllBytes).isInstanceOf(HttpTimeoutException.class)
                    .hasMessageContaining("/stall");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        assertThat(Thread.currentThread().isInterrupted()).as("interrupt flag left set").isFalse();
    }

    @Test
    void silentServerTimesOut() {
        handler = exchange -> Thread.sleep(5000);
        long started = System.nanoTime();

        assertThatThrownBy(() -> driver.get(url("/silent"), null))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("/silent");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void connectionResetIsUnavailable() throws Exception {
        try (ServerSocket resetting = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!resetting.isClosed()) { // the JDK client retries an idempotent GET once
                    try (Socket socket = resetting.accept()) {
                        socket.setSoLinger(true, 0);
                    } catch (IOException closedByTheTest) {
                        return;
                    }
                }
            });
            try (StoreDriver resetDriver = new HttpStoreDriverFactory().create("web", Map.of(
                    HttpStoreConfig.ALLOWED_HOSTS, "127.0.0.1",
                    HttpStoreConfig.PORTS, Integer.toString(resetting.getLocalPort()), HttpStoreConfig.TIMEOUT, "2"),
                    new TestingStoreContext(Path.of(".")))) {
                assertThatThrownBy(() -> resetDriver.get(
                        URI.create("http://127.0.0.1:" + resetting.getLocalPort() + "/img"), null))
                        .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("/img");
            }
        }
    }

    @Test
    void redirectToAnInternalAddressIsRefused() {
        handler = exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            exchange.sendResponseHeaders(302, -1);
        };

        assertThatThrownBy(() -> driver.get(url("/img"), null))
                .isInstanceOf(LocationDeniedException.class).hasMessageContaining("169.254.169.254");
    }

    @Test
    void redirectsAreFollowedUpToTheLimit() throws IOException {
        handler = exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/real")) {
                byte[] body = {1, 2, 3, 4, 5};
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            exchange.getResponseHeaders().add("Location", path.equals("/a") ? "/b" : path.equals("/b") ? "/real"
                    : "/loop");
            exchange.sendResponseHeaders(301, -1);
        };

        try (InputStream stream = driver.get(url("/a"), null).stream()) {
            assertThat(stream.readAllBytes()).containsExactly(1, 2, 3, 4, 5);
        }
        assertThatThrownBy(() -> driver.get(url("/loop"), null))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("more than 2 redirects");
    }

    @Test
    void serverIgnoringRangeIsAnError() {
        handler = exchange -> {
            exchange.sendResponseHeaders(200, 100);
            exchange.getResponseBody().write(new byte[100]);
        };

        assertThatThrownBy(() -> driver.get(url("/img"), new ByteRange(10, 5)))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("Range bytes=10-14");
    }

    @Test
    void writesAndDeletesAreUnsupported() {
        assertThatThrownBy(() -> driver.put("img", InputStream.nullInputStream(), 0))
                .isExactlyInstanceOf(io.glance.store.spi.UnsupportedCapabilityException.class);
        assertThatThrownBy(() -> driver.delete(url("/img")))
                .isExactlyInstanceOf(io.glance.store.spi.UnsupportedCapabilityException.class);
    }
}

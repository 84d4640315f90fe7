package io.glance.adapters.registry;

import com.sun.net.httpserver.HttpServer;
import io.glance.domain.ImageId;
import io.glance.domain.RequestContext;
import io.glance.ports.out.ImageQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each registry call carries the id of the API request it serves, so that glance-registry logs the request under the
 * id glance-api logged it under; an id the registry would refuse (too long after glance-api's {@code req-} prefix)
 * is left off rather than failing the call. Against the JDK's HttpServer recording the header of every request.
 */
class RegistryRequestIdTest {
    private static final ImageId ID = new ImageId("00000000-0000-4000-8000-000000000001");
    private static final String NONE = "(none)";

    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String id = exchange.getRequestHeaders().getFirst("X-Openstack-Request-ID");
            received.add(id == null ? NONE : id);
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"images\": []}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void everyCallCarriesTheCurrentRequestsId() {
        String[] current = {"req-0b7f2d6e-1c1a-4a8e-9f1e-2a7c3e1d5b90"};
        RegistryImageRepository repository = repository(() -> current[0]);

        repository.list(ImageQuery.firstPage(25), RequestContext.noAuth(current[0]));
        current[0] = "req-second";
        repository.listMembers(ID);

        assertThat(received).containsExactly("req-0b7f2d6e-1c1a-4a8e-9f1e-2a7c3e1d5b90", "req-second");
    }

    @Test
    void outsideARequestOrWithAnIdTheRegistryWouldRefuseNoneIsSent() {
        String[] current = {null};
        RegistryImageRepository repository = repository(() -> current[0]);

        repository.listMembers(ID);
        current[0] = "req-" + "a".repeat(64);
        repository.listMembers(ID);
        current[0] = "req-with space";
        repository.listMembers(ID);

        assertThat(received).containsExactly(NONE, NONE, NONE);
    }

    @Test
    void withoutASupplierNoneIsSent() {
        new RegistryImageRepository(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Duration.ofSeconds(5)).listMembers(ID);

        assertThat(received).containsExactly(NONE);
    }

    private RegistryImageRepository repository(Supplier<String> requestId) {
        return new RegistryImageRepository(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Duration.ofSeconds(5), null, null, requestId);
    }
}

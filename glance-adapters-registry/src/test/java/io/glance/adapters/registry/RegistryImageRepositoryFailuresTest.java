package io.glance.adapters.registry;

import com.sun.net.httpserver.HttpServer;
import io.glance.domain.ConflictException;
import io.glance.domain.ImageId;
import io.glance.domain.InvalidInputException;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.domain.ServiceUnavailableException;
import io.glance.ports.out.ImageQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How the client turns a registry's failures into the port's exceptions, against a scripted loopback server (the
 * JDK's HttpServer answering every request with one status): the repository contract covers the happy paths against
 * a real glance-registry, this covers what a real one rarely does on cue.
 */
class RegistryImageRepositoryFailuresTest {
    private static final ImageId ID = new ImageId("00000000-0000-4000-8000-000000000001");
    private static final RequestContext CALLER = RequestContext.noAuth("req-1");

    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void statusesBecomeThePortsExceptionsWithTheRegistrysMessage() throws IOException {
        assertThatThrownBy(() -> answering(400, "{\"message\": \"Invalid marker: 'x'<br /><br />\\n\\n\\n\"}")
                .list(ImageQuery.firstPage(25), CALLER))
                .isInstanceOf(InvalidInputException.class).hasMessage("Invalid marker: 'x'");
        assertThatThrownBy(() -> answering(409, "{\"message\": \"Image taken\"}").findById(ID))
                .isInstanceOf(ConflictException.class).hasMessage("Image taken");
        assertThatThrownBy(() -> answering(404, "{\"message\": \"No member bob\"}").deleteMember(ID, "bob"))
                .isInstanceOf(NotFoundException.class).hasMessage("No member bob");
    }

    @Test
    void aServerErrorIsUnavailabilityNamingTheRequest() throws IOException {
        assertThatThrownBy(() -> answering(500, "oops").listMembers(ID))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("500").hasMessageContaining("GET /images/" + ID + "/members");
    }

    @Test
    void aRefusedConnectionIsUnavailabilityNamingTheRegistry() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RegistryImageRepository repository = new RegistryImageRepository(URI.create("http://127.0.0.1:" + port),
                Duration.ofSeconds(5));

        assertThatThrownBy(() -> repository.findById(ID)).isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + port);
    }

    @Test
    void aRegistryThatDoesNotAnswerInTimeIsUnavailability() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        RegistryImageRepository repository = new RegistryImageRepository(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofMillis(300));

        long start = System.nanoTime();
        assertThatThrownBy(() -> repository.findById(ID)).isInstanceOf(ServiceUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void a404OnReadsIsAbsenceNotAnError() throws IOException {
        assertThat(answering(404, "{\"message\": \"No image\"}").findById(ID)).isEmpty();
    }

    /** A registry that gives every request this answer; replaces the previous one. */
    private RegistryImageRepository answering(int status, String body) throws IOException {
        if (server != null) {
            server.stop(0);
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return new RegistryImageRepository(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(5));
    }
}

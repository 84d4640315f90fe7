package io.glance.http.connections;

import io.helidon.common.socket.SocketOptions;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http1.Http1Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The guard in front of a small Helidon server over real sockets: phases, the cap, HTTP/1.0, Connection: close. */
class GuardedListenerTest {
    private static final int CAP = 8;
    private ConnectionGuard guard;
    private WebServer server;

    @BeforeEach
    void start() {
        start(Duration.ofSeconds(1));
    }

    private void start(Duration bodyReadTimeout) {
        if (server != null) {
            stop();
        }
        guard = new ConnectionGuard(new ConnectionSettings(CAP, Duration.ofSeconds(2), Duration.ofSeconds(1),
                bodyReadTimeout, 100), CAP);
        WebServerConfig.Builder builder = WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> routing.addFilter(GuardedListener.requestFilter(guard))
                        .get("/hello", (req, res) -> res.send("hello"))
                        .post("/echo", (req, res) -> res.send("got " + req.content().inputStream()
                                .transferTo(OutputStream.nullOutputStream()))));
        GuardedListener.install(builder, guard, SocketOptions.builder().tcpNoDelay(true).build(),
                Http1Config.create());
        server = builder.build().start();
    }

    @AfterEach
    void stop() {
        server.stop();
        guard.close();
    }

    @Test
    void http10GetsAnAnswerAndTheConnectionCloses() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET /hello HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readUntilClosed(socket)).startsWith("HTTP/1.1 200").endsWith("hello");
        }
    }

    @Test
    void connectionCloseClosesTheConnectionAfterTheAnswer() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(readUntilClosed(socket)).startsWith("HTTP/1.1 200").endsWith("hello");
        }
    }

    @Test
    void connectionsInARequestAreNotEvictedAndANewcomerGets503() throws Exception {
        start(Duration.ofSeconds(60)); // the stalled bodies must outlive a slow machine's set-up
        List<Socket> bodies = new ArrayList<>();
        try {
            for (int i = 0; i < CAP; i++) {
                Socket socket = connect();
                socket.getOutputStream().write("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nx"
                        .getBytes(StandardCharsets.US_ASCII));
                bodies.add(socket);
                Thread.sleep(20);
            }
            Thread.sleep(200);
            try (Socket newcomer = connect()) {
                newcomer.getOutputStream().write("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(readUntilClosed(newcomer)).startsWith("HTTP/1.1 503");
            }
            assertThat(guard.refusedConnections()).isEqualTo(1);
        } finally {
            for (Socket socket : bodies) {
                socket.close();
            }
        }
    }

    @Test
    void idleConnectionsMakeRoomForNewOnes() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < CAP * 2; i++) {
                idle.add(connect());
            }
            try (Socket socket = connect()) {
                socket.getOutputStream().write("GET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(readUntilClosed(socket)).startsWith("HTTP/1.1 200");
            }
            assertThat(guard.evictedConnections()).isGreaterThanOrEqualTo(CAP + 1);
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    @Test
    void aTricklingBodyIsClosed() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            try {
                for (int i = 0; i < 50; i++) {
                    socket.getOutputStream().write('x');
                    Thread.sleep(100);
                }
            } catch (IOException closed) {
                // expected
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    private Socket connect() throws IOException {
        return new Socket("127.0.0.1", server.port());
    }

    private static String readUntilClosed(Socket socket) throws IOException {
        socket.setSoTimeout(3000);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            socket.getInputStream().transferTo(answer);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("still open after: " + answer, e);
        }
        return answer.toString(StandardCharsets.ISO_8859_1);
    }
}

package io.glance.http.connections;

import io.helidon.common.socket.SocketOptions;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http1.Http1Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

import static io.glance.http.connections.RawExchanges.exchange;
import static io.glance.http.connections.RawExchanges.randomBytes;
import static io.glance.http.connections.RawExchanges.sha256Hex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guard's own large reads of a plaintext socket (Helidon's stream socket, as glance-api runs it): bodies arrive
 * whole and in order, whether they follow their head in the bytes Helidon read to identify the protocol or not, and a
 * request sent in the same write right after a body is still answered on that connection.
 */
class LargeSocketReadsTest {
    private static ConnectionGuard guard;
    private static WebServer server;

    @BeforeAll
    static void start() {
        guard = new ConnectionGuard(new ConnectionSettings(8, Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(30), 0), 8);
        WebServerConfig.Builder builder = WebServer.builder().host("127.0.0.1").port(0).useNio(false)
                .routing(routing -> routing.addFilter(GuardedListener.requestFilter(guard))
                        .get("/hello", (req, res) -> res.send("hello"))
                        .post("/sha256", (req, res) -> res.send(sha256(req.content().inputStream()))));
        GuardedListener.install(builder, guard, SocketOptions.builder().tcpNoDelay(true).build(),
                Http1Config.create());
        server = builder.build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        guard.close();
    }

    @Test
    void aLargeBodyAndAPipelinedRequestAfterItArriveWholeAndInOrder() throws Exception {
        byte[] body = randomBytes(3 * WatchedReads.BLOCK + 12345);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        sent.writeBytes(("POST /sha256 HTTP/1.1\r\nHost: a\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        sent.writeBytes(body);
        sent.writeBytes("GET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        String answers = exchange(server.port(), out -> out.write(sent.toByteArray()));

        assertThat(answers).startsWith("HTTP/1.1 200").contains(sha256Hex(body)).endsWith("hello");
        assertThat(answers.split("HTTP/1.1 200", -1)).hasSize(3);
    }

    @Test
    void aChunkedBodyArrivesWhole() throws Exception {
        byte[] body = randomBytes(2 * WatchedReads.BLOCK + 777);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        sent.writeBytes("POST /sha256 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        int chunk = 100_000;
        for (int offset = 0; offset < body.length; offset += chunk) {
            int length = Math.min(chunk, body.length - offset);
            sent.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            sent.write(body, offset, length);
            sent.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        sent.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(exchange(server.port(), out -> out.write(sent.toByteArray()))).startsWith("HTTP/1.1 200").endsWith(sha256Hex(body));
    }

    private static String sha256(InputStream in) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

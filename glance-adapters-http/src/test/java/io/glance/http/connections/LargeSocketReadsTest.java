package io.glance.http.connections;

import io.helidon.common.socket.SocketOptions;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http1.Http1Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

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

        String answers = exchange(sent.toByteArray());

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

        assertThat(exchange(sent.toByteArray())).startsWith("HTTP/1.1 200").endsWith(sha256Hex(body));
    }

    /** Writes everything on a separate thread (the server answers while it is still being sent) and reads to EOF. */
    private static String exchange(byte[] request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(request);
                    out.flush();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(answer);
            writing.get();
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
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

    private static String sha256Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}

package io.glance.http.connections;

import io.helidon.common.socket.SocketOptions;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http1.Http1Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

import static io.glance.http.connections.RawExchanges.exchange;
import static io.glance.http.connections.RawExchanges.randomBytes;
import static io.glance.http.connections.RawExchanges.sha256Hex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies of known length read in large reads go from the socket into the handler's array past Helidon's copy
 * ({@link DirectBody}) on a real Helidon server behind the guard: they arrive whole and in order however the client
 * splits them, after a {@code 100 Continue} too, and Helidon still finds the request that follows a body, whether the
 * handler read the body to its end or left most of it.
 */
class DirectBodyTest {
    private static final int LARGE_READ = 1024 * 1024;
    private static ConnectionGuard guard;
    private static WebServer server;

    @BeforeAll
    static void start() {
        guard = new ConnectionGuard(new ConnectionSettings(8, Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(30), 0), 8);
        server = start(guard);
    }

    /** Helidon's stream sockets behind the guard, as glance-api runs them. */
    private static WebServer start(ConnectionGuard guard) {
        WebServerConfig.Builder builder = WebServer.builder().host("127.0.0.1").port(0).useNio(false)
                .routing(routing -> routing.addFilter(GuardedListener.requestFilter(guard))
                        .get("/hello", (req, res) -> res.send("hello"))
                        .post("/sha256", (req, res) -> res.send(sha256(req.content().inputStream(), Long.MAX_VALUE)
                                + " past " + bytesReadPast(guard, req)))
                        .post("/first-mib", (req, res) -> res.send(sha256(req.content().inputStream(), LARGE_READ)
                                + " past " + bytesReadPast(guard, req)))
                        .post("/filled", (req, res) -> res.send(sha256OfFilledBuffers(req.content().inputStream())
                                + " past " + bytesReadPast(guard, req))));
        GuardedListener.install(builder, guard, SocketOptions.builder().tcpNoDelay(true).build(),
                Http1Config.create());
        return builder.build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        guard.close();
    }

    @Test
    void aBodySentInPiecesArrivesWholeMostlyPastHelidonAndTheRequestAfterItIsAnswered() throws Exception {
        byte[] body = randomBytes(5 * LARGE_READ + 54321);
        byte[] head = ("POST /sha256 HTTP/1.1\r\nHost: a\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] next = "GET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

        String answers = exchange(server.port(), out -> {
            // The head with the first bytes, then pieces of odd sizes with pauses, the last one with the next request.
            out.write(concat(head, slice(body, 0, 1000)));
            int offset = 1000;
            int[] pieces = {70_000, 1_500_000, 3, 900_000, 2_000_000};
            for (int piece : pieces) {
                pause();
                out.write(slice(body, offset, piece));
                offset += piece;
            }
            pause();
            out.write(concat(slice(body, offset, body.length - offset), next));
        });

        assertThat(answers).startsWith("HTTP/1.1 200").contains(sha256Hex(body)).endsWith("hello");
        assertThat(answers.split("HTTP/1.1 200", -1)).hasSize(3);
        assertThat(bytesReadPast(answers)).isGreaterThan(body.length / 2);
    }

    @Test
    void theShortRestOfALargeBufferIsReadPastHelidonToo() throws Exception {
        byte[] body = randomBytes(3 * LARGE_READ + 999);
        // After the 100 Continue: Helidon holds no byte of the body when it is first read.
        byte[] head = ("POST /filled HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nConnection: close\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        int firstPiece = LARGE_READ - 30_000;

        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            socket.getInputStream().readNBytes("HTTP/1.1 100 Continue\r\n\r\n".length());
            // The first buffer then lacks 30,000 bytes: a read below MIN_DIRECT_READ, after a large one.
            out.write(slice(body, 0, firstPiece));
            pause();
            out.write(slice(body, firstPiece, body.length - firstPiece));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(answer).startsWith("HTTP/1.1 200").contains(sha256Hex(body));
            assertThat(bytesReadPast(answer)).isEqualTo(body.length);
        }
    }

    @Test
    void aBodyAfterA100ContinueArrivesWhole() throws Exception {
        byte[] body = randomBytes(3 * LARGE_READ + 777);
        byte[] head = ("POST /sha256 HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nConnection: close\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head);
            byte[] interim = socket.getInputStream().readNBytes("HTTP/1.1 100 Continue\r\n\r\n".length());
            assertThat(new String(interim, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 100 Continue");
            socket.getOutputStream().write(body);
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(answer).startsWith("HTTP/1.1 200").contains(sha256Hex(body));
            assertThat(bytesReadPast(answer)).isGreaterThan(body.length / 2);
        }
    }

    @Test
    void theRestOfABodyTheHandlerLeftIsSkippedAndTheNextRequestAnswered() throws Exception {
        byte[] body = randomBytes(4 * LARGE_READ + 4321);
        byte[] head = ("POST /first-mib HTTP/1.1\r\nHost: a\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] next = "GET /hello HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

        String answers = exchange(server.port(), out -> {
            out.write(head);
            pause();
            out.write(concat(body, next));
        });

        assertThat(answers).startsWith("HTTP/1.1 200").contains(sha256Hex(slice(body, 0, LARGE_READ)))
                .endsWith("hello");
        assertThat(bytesReadPast(answers)).isPositive();
    }

    @Test
    void aBodyThatTricklesAfterAFastStartIsStillClosedByTheGuard() throws Exception {
        ConnectionGuard strict = new ConnectionGuard(new ConnectionSettings(8, Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 100), 8);
        WebServer guarded = start(strict);
        try (Socket socket = new Socket("127.0.0.1", guarded.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /sha256 HTTP/1.1\r\nHost: a\r\nContent-Length: " + 10 * LARGE_READ + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(randomBytes(2 * LARGE_READ));
            long start = System.nanoTime();
            try {
                // 20 s if nobody closes the connection
                for (int i = 0; i < 200; i++) {
                    out.write('x');
                    Thread.sleep(100);
                }
            } catch (IOException closed) {
                // expected: the guard closed the connection
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        } finally {
            guarded.stop();
            strict.close();
        }
    }

    private static long bytesReadPast(ConnectionGuard guard, ServerRequest req) {
        return guard.find(req.remotePeer().address()).map(GuardedConnection::reads)
                .map(WatchedReads::bytesReadPast).orElse(-1L);
    }

    private static long bytesReadPast(String answer) {
        int at = answer.indexOf(" past ");
        String digits = answer.substring(at + " past ".length()).split("[^0-9-]", 2)[0];
        return Long.parseLong(digits);
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] slice(byte[] bytes, int offset, int length) {
        byte[] slice = new byte[length];
        System.arraycopy(bytes, offset, slice, 0, length);
        return slice;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = new byte[first.length + second.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    /** The sha256 of the first {@code limit} bytes of {@code in}, read in reads of {@value #LARGE_READ} bytes. */
    private static String sha256(InputStream in, long limit) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[LARGE_READ];
            long total = 0;
            while (total < limit) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total));
                if (n < 0) {
                    break;
                }
                digest.update(buffer, 0, n);
                total += n;
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sha256 of the body read as an upload reads it: each 1 MiB buffer filled before the next one. */
    private static String sha256OfFilledBuffers(InputStream in) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[LARGE_READ];
            while (true) {
                int filled = in.readNBytes(buffer, 0, buffer.length);
                digest.update(buffer, 0, filled);
                if (filled < buffer.length) {
                    return HexFormat.of().formatHex(digest.digest());
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

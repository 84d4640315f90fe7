package io.glance.server.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One client without credentials tries to take glance-api down by holding connections (glance-api runs under
 * {@code ulimit -n 400}, so its derived connection cap is small): more idle connections than the cap, slowloris
 * heads and bodies. A normal request during the attack is answered, the attack's connections are closed by the
 * server although the attacker keeps them, the descriptors return to their baseline and the listener stays alive.
 */
@Isolated("its assertions bound latencies, which a class running beside it would stretch")
class ConnectionExhaustionEndToEndTest {
    private static final int FILE_LIMIT = 400;
    private static final Pattern CAP = Pattern.compile("Connections: at most (\\d+) ");

    @TempDir
    static Path work;
    private static GlanceProcess glance;
    private static int cap;

    @BeforeAll
    static void start() throws Exception {
        glance = GlanceProcess.startWithFileLimit(work.resolve("guarded"), FILE_LIMIT,
                "--client_socket_timeout", "3", "--header_read_timeout", "2", "--body_read_timeout", "2",
                "--min_body_rate", "100");
        Matcher matcher = CAP.matcher(glance.log());
        assertThat(matcher.find()).as(glance.log()).isTrue();
        cap = Integer.parseInt(matcher.group(1));
    }

    @AfterAll
    static void stop() throws Exception {
        if (glance != null) {
            glance.close();
        }
    }

    @Test
    void theCapIsDerivedBelowTheFileLimit() {
        assertThat(cap).isBetween(16, FILE_LIMIT / 2);
    }

    @Test
    void anAttackHoldingConnectionsLeavesTheServiceAnsweringAndItsDescriptorsReturn() throws Exception {
        long baseline = openDescriptors();
        List<Socket> attack = new ArrayList<>();
        ExecutorService tricklers = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (int i = 0; i < cap + 50; i++) {
                attack.add(connect());
            }
            for (int i = 0; i < 20; i++) {
                Socket head = connect();
                attack.add(head);
                tricklers.submit(() -> trickle(head, "GET /versions HTTP/1.1\r\nHost: x\r\nX-Slow: "
                        + "a".repeat(200)));
                Socket body = connect();
                attack.add(body);
                tricklers.submit(() -> trickle(body, "POST /v2/images HTTP/1.1\r\nHost: x\r\nContent-Type: "
                        + "application/json\r\nContent-Length: 100000\r\n\r\n{\"name\":\"" + "b".repeat(200)));
            }

            String answer = exchange("GET /versions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                    Duration.ofSeconds(1));
            assertThat(answer).startsWith("HTTP/1.1 200");

            // The attacker keeps every socket open; the server closes them: idle after 3 s, heads after 2 s,
            // bodies trickling a byte every 200 ms (5 bytes/s < 100) after 2 s of waiting.
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (openDescriptors() > baseline + 3 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(openDescriptors()).as("descriptors of glance-api after the attack (baseline %d)", baseline)
                    .isLessThanOrEqualTo(baseline + 3);
            long closedByServer = attack.stream().filter(ConnectionExhaustionEndToEndTest::closedByPeer).count();
            assertThat(closedByServer).isEqualTo(attack.size());
        } finally {
            tricklers.shutdownNow();
            for (Socket socket : attack) {
                socket.close();
            }
        }
        assertThat(exchange("GET /healthcheck HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                Duration.ofSeconds(5))).startsWith("HTTP/1.1 200");
        assertThat(glance.log()).contains("Closed connections");
    }

    /** Every slot held by an upload that keeps its pace (above min_body_rate): nothing to evict, so 503 at once. */
    @Test
    void whenEverySlotIsInARequestANewcomerGets503AtOnce() throws Exception {
        List<Socket> uploads = new ArrayList<>();
        ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (int i = 0; i < cap + 10; i++) {
                Socket upload = connect();
                uploads.add(upload);
                upload.getOutputStream().write(("POST /v2/images HTTP/1.1\r\nHost: x\r\nContent-Type: "
                        + "application/json\r\nContent-Length: 1000000\r\n\r\n{\"name\":\"")
                        .getBytes(StandardCharsets.US_ASCII));
                senders.submit(() -> {
                    while (true) {
                        upload.getOutputStream().write("x".repeat(50).getBytes(StandardCharsets.US_ASCII));
                        Thread.sleep(100);
                    }
                });
            }
            // Connections whose head the server had not parsed yet when the cap was reached made room for later ones
            // (as an idle attacker's would); once all heads are in, every slot is in a request.
            Thread.sleep(1500);
            String answer;
            try {
                answer = exchange("GET /versions HTTP/1.1\r\nHost: x\r\n\r\n", Duration.ofSeconds(1));
            } catch (IOException e) {
                throw new AssertionError("cap " + cap + " fds " + openDescriptors() + " log:\n" + glance.log(), e);
            }
            assertThat(answer).as("cap %d, log:\n%s", cap, glance.log()).startsWith("HTTP/1.1 503")
                    .contains("too many connections");
        } finally {
            senders.shutdownNow();
            for (Socket socket : uploads) {
                socket.close();
            }
        }
        awaitServing();
    }

    /** Once the uploads are gone, their slots are free again. */
    private static void awaitServing() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String answer = "";
        while (System.nanoTime() < deadline) {
            answer = exchange("GET /healthcheck HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                    Duration.ofSeconds(5));
            if (answer.startsWith("HTTP/1.1 200")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("glance-api does not serve again: " + answer);
    }

    @Test
    void connectionCloseIsHonoured() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET /versions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = readUntilClosed(socket, Duration.ofSeconds(5));
            assertThat(answer).startsWith("HTTP/1.1 200").endsWith("}");
        }
    }

    @Test
    void http10IsServed() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET /healthcheck HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = readUntilClosed(socket, Duration.ofSeconds(5));
            assertThat(answer).startsWith("HTTP/1.1 200").endsWith("OK");
        }
        try (Socket socket = connect()) {
            String body = "{\"name\":\"http10\",\"disk_format\":\"raw\",\"container_format\":\"bare\"}";
            socket.getOutputStream().write(("POST /v2/images HTTP/1.0\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            String answer = readUntilClosed(socket, Duration.ofSeconds(5));
            assertThat(answer).startsWith("HTTP/1.1 201").contains("\"name\":\"http10\"");
        }
    }

    /** A listener that fails (here: a cap above what the file limit allows) takes the process down with it. */
    @Test
    void whenTheAcceptLoopFailsTheProcessExitsNonZero() throws Exception {
        GlanceProcess starved = GlanceProcess.startWithFileLimit(work.resolve("starved"), 200,
                "--max_connections", "5000");
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 300 && starved.awaitExit(Duration.ZERO) < 0; i++) {
                try {
                    sockets.add(new Socket("127.0.0.1", starved.port()));
                } catch (IOException refused) {
                    break;
                }
            }
            int status = starved.awaitExit(Duration.ofSeconds(30));
            assertThat(status).as(starved.log()).isEqualTo(70);
            assertThat(starved.log()).contains("max_connections 5000 leaves too few")
                    .contains("stopped accepting connections");
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
            starved.close();
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", glance.port()), 5000);
        return socket;
    }

    private static void trickle(Socket socket, String text) {
        try {
            for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
                socket.getOutputStream().write(b);
                socket.getOutputStream().flush();
                Thread.sleep(200);
            }
        } catch (IOException | InterruptedException stopped) {
            // closed by the server, or the test is over
        }
    }

    private static String exchange(String request, Duration timeout) throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout((int) timeout.toMillis());
            byte[] buffer = new byte[4096];
            int read = socket.getInputStream().read(buffer);
            return read < 0 ? "" : new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
        }
    }

    private static String readUntilClosed(Socket socket, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            socket.getInputStream().transferTo(answer);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("connection still open after the answer: " + answer, e);
        }
        return answer.toString(StandardCharsets.ISO_8859_1);
    }

    private static boolean closedByPeer(Socket socket) {
        try {
            socket.setSoTimeout(50);
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // a 400 or 408 the server sent before closing
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + glance.pid() + "/fd"))) {
            return fds.count();
        }
    }
}

package io.glance.adapters.registry;

import com.sun.net.httpserver.HttpServer;
import io.glance.wire.MalformedAnswerException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The registry client's own HTTP/1.1: keep-alive reuse, chunked and sized answers, a connection closed while idle, an
 * answer that does not come within the timeout; with the answers read by the connections' platform threads (the
 * default) and by the calling threads (maxReaders 0, as the connections beyond {@code MAX_READERS} are).
 */
class RegistryConnectionsTest {
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void sequentialRequestsReuseOneConnectionAndBodiesArriveWhole() throws IOException {
        Set<InetSocketAddress> clients = new HashSet<>();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            synchronized (clients) {
                clients.add(exchange.getRemoteAddress());
            }
            byte[] request = exchange.getRequestBody().readAllBytes();
            byte[] answer = (exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + new String(request, StandardCharsets.UTF_8) + " " + exchange.getRequestHeaders()
                    .getFirst("X-Test")).getBytes(StandardCharsets.UTF_8);
            boolean chunked = exchange.getRequestURI().getPath().endsWith("/chunked");
            exchange.sendResponseHeaders(200, chunked ? 0 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        RegistryConnections connections = new RegistryConnections(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), Duration.ofSeconds(10), null);

        for (int i = 0; i < 5; i++) {
            RegistryConnections.Answer sized = connections.exchange("POST", "/images?x=" + i, Map.of("X-Test", "t" + i),
                    ("{\"n\": " + i + "}").getBytes(StandardCharsets.UTF_8));
            assertThat(sized.status()).isEqualTo(200);
            assertThat(new String(sized.body(), StandardCharsets.UTF_8))
                    .isEqualTo("POST /images?x=" + i + " {\"n\": " + i + "} t" + i);
            RegistryConnections.Answer chunked = connections.exchange("GET", "/images/chunked", Map.of(), null);
            assertThat(new String(chunked.body(), StandardCharsets.UTF_8)).isEqualTo("GET /images/chunked  null");
        }
        assertThat(clients).hasSize(1);
        connections.close();
    }

    @ParameterizedTest(name = "maxReaders {0}")
    @ValueSource(ints = {0, RegistryConnections.MAX_READERS})
    void aConnectionTheRegistryClosedWhileIdleIsReplacedAndTheRequestSentOnce(int maxReaders) throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (ServerSocket registry = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            // Answers one request per connection with keep-alive, then closes it without a word.
            CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 2; i++) {
                    try (Socket socket = registry.accept()) {
                        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                                StandardCharsets.ISO_8859_1));
                        while (!in.readLine().isEmpty()) {
                            // the request head; GET has no body
                        }
                        int n = requests.incrementAndGet();
                        socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n" + n)
                                .getBytes(StandardCharsets.ISO_8859_1));
                        socket.getOutputStream().flush();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            RegistryConnections connections = new RegistryConnections(
                    URI.create("http://127.0.0.1:" + registry.getLocalPort()), Duration.ofSeconds(10), null,
                    maxReaders);

            assertThat(connections.exchange("GET", "/a", Map.of(), null).body()).containsExactly('1');
            Thread.sleep(100); // the registry has closed the first connection by now
            assertThat(connections.exchange("GET", "/b", Map.of(), null).body()).containsExactly('2');
            serving.get();
            assertThat(requests).hasValue(2);
            connections.close();
        }
    }

    /**
     * The sockets have no read timeout (AnswerDeadlines ends late exchanges instead): a registry that takes a request
     * and never answers must still fail the call with a timeout, on a pooled connection too, without the request being
     * sent a second time (it is not a connection closed while idle), and the next call must work on a new connection.
     */
    @ParameterizedTest(name = "maxReaders {0}")
    @ValueSource(ints = {0, RegistryConnections.MAX_READERS})
    @Timeout(60) // a client that waited for ever would otherwise hang the build
    void anAnswerThatDoesNotComeEndsTheExchangeWithATimeoutAndIsNotSentAgain(int maxReaders) throws Exception {
        AtomicInteger hanging = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        try (ServerSocket registry = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            acceptHangingExchanges(registry, hanging, release);
            RegistryConnections connections = new RegistryConnections(
                    URI.create("http://127.0.0.1:" + registry.getLocalPort()), Duration.ofMillis(300), null,
                    maxReaders);
            try {
                assertThat(connections.exchange("GET", "/a", Map.of(), null).body()).containsExactly('k');
                assertThatThrownBy(() -> connections.exchange("GET", "/hang", Map.of(), null))
                        .isInstanceOf(SocketTimeoutException.class)
                        .hasMessageContaining("did not answer within 300 ms");
                assertThat(hanging).hasValue(1);
                assertThat(connections.exchange("GET", "/b", Map.of(), null).body()).containsExactly('k');
            } finally {
                release.countDown();
                connections.close();
            }
        }
    }

    /**
     * Each client owns its deadline watcher: the thread starts with the first connection and closing the client ends
     * it, fails an exchange still waiting for its answer (which has no socket timeout of its own) and refuses new ones.
     */
    @ParameterizedTest(name = "maxReaders {0}")
    @ValueSource(ints = {0, RegistryConnections.MAX_READERS})
    @Timeout(60) // an exchange that close() did not end would otherwise hang the build
    void closingEndsTheDeadlineWatcherAndTheExchangesStillWaiting(int maxReaders) throws Exception {
        AtomicInteger hanging = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        try (ServerSocket registry = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            acceptHangingExchanges(registry, hanging, release);
            RegistryConnections connections = new RegistryConnections(
                    URI.create("http://127.0.0.1:" + registry.getLocalPort()), Duration.ofMinutes(10), null,
                    maxReaders);
            try {
                assertThat(connections.watchingDeadlines()).isFalse();
                assertThat(connections.exchange("GET", "/a", Map.of(), null).body()).containsExactly('k');
                assertThat(connections.watchingDeadlines()).isTrue();

                CompletableFuture<RegistryConnections.Answer> waiting = CompletableFuture.supplyAsync(() -> {
                    try {
                        return connections.exchange("GET", "/hang", Map.of(), null);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, runnable -> Thread.ofPlatform().daemon().start(runnable));
                while (hanging.get() == 0) {
                    Thread.sleep(10); // until the registry holds the request
                }
                connections.close();

                assertThat(connections.watchingDeadlines()).isFalse();
                assertThatThrownBy(waiting::join).hasRootCauseInstanceOf(IOException.class);
                awaitNoReaders(connections);
                assertThatThrownBy(() -> connections.exchange("GET", "/b", Map.of(), null))
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining("closed");
            } finally {
                release.countDown();
                connections.close();
            }
        }
    }

    /**
     * A reading thread sees at once that the registry closed an idle connection: the connection leaves the pool and
     * its thread ends, before any request could be sent on it.
     */
    @Test
    @Timeout(60)
    void aConnectionTheRegistryClosesWhileIdleLeavesThePoolWithItsReader() throws Exception {
        try (ServerSocket registry = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> {
                try (Socket socket = registry.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                            StandardCharsets.ISO_8859_1));
                    while (!in.readLine().isEmpty()) {
                        // the request head; GET has no body
                    }
                    socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nk"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    socket.getOutputStream().flush();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            RegistryConnections connections = new RegistryConnections(
                    URI.create("http://127.0.0.1:" + registry.getLocalPort()), Duration.ofSeconds(10), null);
            try {
                assertThat(connections.exchange("GET", "/a", Map.of(), null).body()).containsExactly('k');
                serving.get(); // the registry has closed the connection
                awaitNoReaders(connections);
                assertThat(connections.idleConnections()).isZero();
            } finally {
                connections.close();
            }
        }
    }

    /**
     * Requests from more virtual threads at once than there are reading threads: each gets its own answer, on the
     * connections read by a platform thread and on those read by the caller, and closing the client ends every
     * reading thread.
     */
    @Test
    @Timeout(60)
    void concurrentVirtualThreadsEachGetTheirOwnAnswerWhoeverReadsTheConnection() throws Exception {
        int callers = RegistryConnections.MAX_READERS + 16;
        CountDownLatch allArrived = new CountDownLatch(callers);
        java.util.concurrent.ExecutorService handlers = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), callers);
        server.setExecutor(handlers);
        server.createContext("/", exchange -> {
            allArrived.countDown();
            try {
                allArrived.await(); // every caller holds its own connection until all requests are in
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] answer = exchange.getRequestURI().getPath().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        RegistryConnections connections = new RegistryConnections(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), Duration.ofSeconds(30), null);
        try {
            List<CompletableFuture<String>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                String path = "/images/" + i;
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        String first = new String(connections.exchange("GET", path, Map.of(), null).body(),
                                StandardCharsets.UTF_8);
                        String second = new String(connections.exchange("GET", path + "/again", Map.of(), null)
                                .body(), StandardCharsets.UTF_8);
                        return first + " " + second;
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, runnable -> Thread.ofVirtual().start(runnable)));
            }
            for (int i = 0; i < callers; i++) {
                assertThat(answers.get(i).join()).isEqualTo("/images/" + i + " /images/" + i + "/again");
            }
            assertThat(connections.reading()).isEqualTo(RegistryConnections.MAX_READERS);
        } finally {
            connections.close();
            server.stop(0);
            server = null;
            handlers.shutdownNow();
        }
        awaitNoReaders(connections);
    }

    /**
     * An idle connection with a reader is taken before one its callers read, whichever went back to the pool last: a
     * call at low concurrency gets the reader whenever there is one. Here the caller-read connection is the last one
     * back; the next call's answer closes its connection ("Connection: close"), which ends that connection's reader
     * only if the call went over the reader's connection.
     */
    @Test
    @Timeout(60)
    void anIdleConnectionWithAReaderIsTakenFirst() throws Exception {
        CountDownLatch releaseA = new CountDownLatch(1);
        CountDownLatch releaseB = new CountDownLatch(1);
        AtomicInteger heldA = new AtomicInteger();
        try (ServerSocket registry = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofPlatform().daemon().start(() -> {
                while (!registry.isClosed()) {
                    try {
                        Socket socket = registry.accept();
                        Thread.ofPlatform().daemon().start(() -> answer(socket, releaseA, heldA, releaseB));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            RegistryConnections connections = new RegistryConnections(
                    URI.create("http://127.0.0.1:" + registry.getLocalPort()), Duration.ofSeconds(30), null, 1);
            try {
                CompletableFuture<byte[]> a = CompletableFuture.supplyAsync(() -> get(connections, "/a"),
                        runnable -> Thread.ofVirtual().start(runnable));
                while (heldA.get() == 0) {
                    Thread.sleep(10); // the first connection, the one with the reader, holds /a
                }
                CompletableFuture<byte[]> b = CompletableFuture.supplyAsync(() -> get(connections, "/b"),
                        runnable -> Thread.ofVirtual().start(runnable));
                releaseA.countDown();
                assertThat(a.join()).containsExactly('k');
                releaseB.countDown();
                assertThat(b.join()).containsExactly('k');
                assertThat(connections.idleConnections()).isEqualTo(2);
                assertThat(connections.reading()).isEqualTo(1);

                assertThat(get(connections, "/close")).containsExactly('k');
                awaitNoReaders(connections);
                assertThat(connections.idleConnections()).isEqualTo(1);
            } finally {
                connections.close();
            }
        }
    }

    private static byte[] get(RegistryConnections connections, String path) {
        try {
            return connections.exchange("GET", path, Map.of(), null).body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Answers "k": /a once releaseA, /b once releaseB is counted down, /close closing the connection after it. */
    private static void answer(Socket socket, CountDownLatch releaseA, AtomicInteger heldA, CountDownLatch releaseB) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            for (String requestLine = in.readLine(); requestLine != null; requestLine = in.readLine()) {
                while (!in.readLine().isEmpty()) {
                    // the rest of the head; GET has no body
                }
                if (requestLine.startsWith("GET /a ")) {
                    heldA.incrementAndGet();
                    releaseA.await();
                } else if (requestLine.startsWith("GET /b ")) {
                    releaseB.await();
                }
                boolean close = requestLine.startsWith("GET /close ");
                socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n"
                        + (close ? "Connection: close\r\n" : "") + "\r\nk").getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                if (close) {
                    return;
                }
            }
        } catch (IOException | InterruptedException ended) {
            // the client closed the connection, or the test is over
        }
    }

    private static void awaitNoReaders(RegistryConnections connections) throws InterruptedException {
        long give = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (connections.reading() > 0 && System.nanoTime() - give < 0) {
            Thread.sleep(10);
        }
        assertThat(connections.reading()).isZero();
    }

    /**
     * A registry whose answers break HTTP/1.1's framing: the call fails with an IOException that names the bad value
     * (the registry transport turns it into a 503), not with a NumberFormatException or IllegalArgumentException that
     * would escape as a 500, and the broken connection is not used again.
     */
    @ParameterizedTest(name = "maxReaders {0}")
    @ValueSource(ints = {0, RegistryConnections.MAX_READERS})
    @Timeout(60)
    void aMalformedAnswerFailsTheCallNamingTheBadValueAndItsConnectionIsDropped(int maxReaders) throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket registry = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            acceptConnections(registry, accepted, requestLine -> requestLine.startsWith("GET /bad-length ")
                    ? "HTTP/1.1 200 OK\r\nContent-Length: 12abc\r\n\r\n"
                    : requestLine.startsWith("GET /bad-chunk ")
                    ? "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n"
                    : "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nk");
            RegistryConnections connections = new RegistryConnections(
                    URI.create("http://127.0.0.1:" + registry.getLocalPort()), Duration.ofSeconds(10), null,
                    maxReaders);
            try {
                assertThat(connections.exchange("GET", "/a", Map.of(), null).body()).containsExactly('k');
                assertThatThrownBy(() -> connections.exchange("GET", "/bad-length", Map.of(), null))
                        .isInstanceOf(MalformedAnswerException.class).hasMessageContaining("'12abc'");
                assertThat(connections.exchange("GET", "/b", Map.of(), null).body()).containsExactly('k');
                assertThatThrownBy(() -> connections.exchange("GET", "/bad-chunk", Map.of(), null))
                        .isInstanceOf(MalformedAnswerException.class).hasMessageContaining("'-5'");
                assertThat(connections.exchange("GET", "/c", Map.of(), null).body()).containsExactly('k');
                assertThat(accepted).hasValue(3);
            } finally {
                connections.close();
            }
        }
    }

    /** What a test registry answers to a request line: the answer's bytes, or {@code null} for none at all. */
    private interface Answering {
        String answer(String requestLine) throws InterruptedException;
    }

    /** Answers "k" to each request until one asks for /hang, which gets no answer until {@code release}. */
    private static void acceptHangingExchanges(ServerSocket registry, AtomicInteger hanging, CountDownLatch release) {
        acceptConnections(registry, new AtomicInteger(), requestLine -> {
            if (requestLine.startsWith("GET /hang ")) {
                hanging.incrementAndGet();
                release.await();
                return null;
            }
            return "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nk";
        });
    }

    /** Serves each connection the registry socket accepts on a thread of its own, until the socket is closed. */
    private static void acceptConnections(ServerSocket registry, AtomicInteger accepted, Answering answering) {
        Thread.ofPlatform().daemon().start(() -> {
            while (!registry.isClosed()) {
                try {
                    Socket socket = registry.accept();
                    accepted.incrementAndGet();
                    Thread.ofPlatform().daemon().start(() -> answerEach(socket, answering));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    /** Reads request heads (of requests without a body) and writes each one's answer, until there is none. */
    private static void answerEach(Socket socket, Answering answering) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            for (String requestLine = in.readLine(); requestLine != null; requestLine = in.readLine()) {
                while (!in.readLine().isEmpty()) {
                    // the rest of the head
                }
                String answer = answering.answer(requestLine);
                if (answer == null) {
                    return;
                }
                socket.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
            }
        } catch (IOException | InterruptedException ended) {
            // the client closed the connection, or the test is over
        }
    }
}

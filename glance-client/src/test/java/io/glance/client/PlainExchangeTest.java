package io.glance.client;

import io.glance.client.testing.RequestHeads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A file upload over plain http goes out with sendfile through the client's own request writer: what arrives is
 * the request glance-api expects, byte for byte; an answer sent before the body was taken in (and the connection
 * closed) still reaches the caller as its typed error. A download goes out on the same kind of socket and its body is
 * read from it.
 */
class PlainExchangeTest {
    @TempDir
    Path work;

    @Test
    void theRequestArrivesWholeWithItsHeadersAndTheFilesBytes() throws Exception {
        byte[] data = new byte[1024 * 1024 + 5];
        new Random(5).nextBytes(data);
        Path file = Files.write(work.resolve("disk.img"), data);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try (Socket socket = server.accept()) {
                    InputStream in = socket.getInputStream();
                    String head = RequestHeads.read(in);
                    byte[] body = in.readNBytes(data.length);
                    OutputStream out = socket.getOutputStream();
                    out.write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    ByteArrayOutputStream all = new ByteArrayOutputStream();
                    all.write(head.getBytes(StandardCharsets.ISO_8859_1));
                    all.write(body);
                    return all.toByteArray();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            GlanceClient client = GlanceClient.create(URI.create("http://127.0.0.1:" + server.getLocalPort()),
                    "a-token");
            java.util.List<Long> progress = new java.util.ArrayList<>();
            client.upload("1234", file, (done, total) -> progress.add(done));
            byte[] request = received.get();
            String head = new String(request, 0, request.length - data.length, StandardCharsets.ISO_8859_1);
            assertThat(head).startsWith("PUT /v2/images/1234/file HTTP/1.1\r\n")
                    .contains("\r\nHost: 127.0.0.1:" + server.getLocalPort() + "\r\n")
                    .contains("\r\nX-Auth-Token: a-token\r\n")
                    .contains("\r\nContent-Type: application/octet-stream\r\n")
                    .contains("\r\nContent-Length: " + data.length + "\r\n")
                    .endsWith("\r\n\r\n");
            assertThat(java.util.Arrays.copyOfRange(request, request.length - data.length, request.length))
                    .isEqualTo(data);
            assertThat(progress.getLast()).isEqualTo(data.length);
        }
    }

    @Test
    void anEarlyAnswerBeforeTheServerClosedIsTheCallersError() throws Exception {
        byte[] data = new byte[32 * 1024 * 1024]; // more than the socket buffers hold: the sending must break
        Path file = Files.write(work.resolve("big.img"), data);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> answered = CompletableFuture.runAsync(() -> {
                try (Socket socket = server.accept()) {
                    InputStream in = socket.getInputStream();
                    RequestHeads.read(in);
                    String body = "{\"title\": \"Request Entity Too Large\", \"message\": \"Image exceeds the "
                            + "storage quota\"}";
                    socket.getOutputStream().write(("HTTP/1.1 413 Request Entity Too Large\r\nContent-Type: "
                            + "application/json\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n"
                            + body).getBytes(StandardCharsets.ISO_8859_1));
                    socket.getOutputStream().flush();
                    socket.shutdownOutput();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            GlanceClient client = GlanceClient.create(URI.create("http://127.0.0.1:" + server.getLocalPort()));
            assertThatThrownBy(() -> client.upload("1234", file, ProgressListener.NONE))
                    .isInstanceOfSatisfying(PayloadTooLargeException.class,
                            e -> assertThat(e.serverMessage()).contains("exceeds the storage quota"));
            answered.get();
        }
    }

    /**
     * An answer whose framing is broken (a negative Content-Length) is the client's connection failure naming the
     * bad value, not an IndexOutOfBoundsException from a read of -1 bytes.
     */
    @Test
    void aMalformedAnswerIsAConnectionFailureNamingTheBadValue() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> answered = CompletableFuture.runAsync(() -> {
                try (Socket show = server.accept()) {
                    RequestHeads.read(show.getInputStream());
                    show.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                            + "Content-Length: -1\r\n\r\n{}").getBytes(StandardCharsets.ISO_8859_1));
                    show.shutdownOutput();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Transport transport = new Transport(URI.create("http://127.0.0.1:" + server.getLocalPort()),
                    TokenSource.none(), new LazyHttpClient(java.time.Duration.ofSeconds(5), new PlainHttpContext()));
            assertThatThrownBy(() -> transport.json("GET", "/v2/images/1234", null, null))
                    .isInstanceOf(GlanceConnectionException.class).hasMessageContaining("Content-Length '-1'");
            answered.get();
        }
    }

    @Test
    void a401IsSentOnceMoreWithTheRenewedTokenAndTheWholeFile() throws Exception {
        byte[] data = new byte[200_000];
        new Random(6).nextBytes(data);
        Path file = Files.write(work.resolve("renew.img"), data);
        try (ServerSocket server = new ServerSocket(0, 2, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String[]> seen = CompletableFuture.supplyAsync(() -> {
                try {
                    String firstHead;
                    try (Socket first = server.accept()) { // refused at once, its body left unread
                        firstHead = RequestHeads.read(first.getInputStream());
                        first.getOutputStream().write(("HTTP/1.1 401 Unauthorized\r\nContent-Length: 2\r\n\r\n{}")
                                .getBytes(StandardCharsets.ISO_8859_1));
                    }
                    try (Socket second = server.accept()) {
                        String secondHead = RequestHeads.read(second.getInputStream());
                        byte[] body = second.getInputStream().readNBytes(data.length);
                        second.getOutputStream().write("HTTP/1.1 204 No Content\r\n\r\n"
                                .getBytes(StandardCharsets.ISO_8859_1));
                        return new String[] {firstHead, secondHead, java.util.Arrays.equals(body, data) ? "same" : ""};
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            TokenSource tokens = new TokenSource() {
                @Override
                public java.util.Optional<String> current() {
                    return java.util.Optional.of("old");
                }

                @Override
                public java.util.Optional<String> renew(String rejected) {
                    return java.util.Optional.of("renewed");
                }
            };
            Transport transport = new Transport(URI.create("http://127.0.0.1:" + server.getLocalPort()), tokens,
                    new LazyHttpClient(java.time.Duration.ofSeconds(5), null));
            try (DataResponse response = transport.data("PUT", "/v2/images/1234/file", java.util.Map.of(),
                    DataBody.file(file, data.length, ProgressListener.NONE))) {
                assertThat(response.status()).isEqualTo(204);
            }
            String[] heads = seen.get();
            assertThat(heads[0]).contains("\r\nX-Auth-Token: old\r\n");
            assertThat(heads[1]).contains("\r\nX-Auth-Token: renewed\r\n");
            assertThat(heads[2]).isEqualTo("same");
        }
    }

    @Test
    void aFileUploadAndAJsonRequestWithoutABodyBuildNoHttpClient() throws Exception {
        byte[] data = new byte[64 * 1024];
        new Random(7).nextBytes(data);
        Path file = Files.write(work.resolve("small.img"), data);
        try (ServerSocket server = new ServerSocket(0, 2, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
                try {
                    try (Socket upload = server.accept()) {
                        RequestHeads.read(upload.getInputStream());
                        upload.getInputStream().readNBytes(data.length);
                        upload.getOutputStream().write("HTTP/1.1 204 No Content\r\n\r\n"
                                .getBytes(StandardCharsets.ISO_8859_1));
                    }
                    try (Socket show = server.accept()) {
                        String showHead = RequestHeads.read(show.getInputStream());
                        show.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 2\r\nConnection: close\r\n\r\n{}")
                                .getBytes(StandardCharsets.ISO_8859_1));
                        return showHead;
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            LazyHttpClient http = new LazyHttpClient(java.time.Duration.ofSeconds(5), new PlainHttpContext());
            Transport transport = new Transport(URI.create("http://127.0.0.1:" + server.getLocalPort()),
                    TokenSource.none(), http);
            try (DataResponse response = transport.data("PUT", "/v2/images/1234/file", java.util.Map.of(),
                    DataBody.file(file, data.length, ProgressListener.NONE))) {
                assertThat(response.status()).isEqualTo(204);
            }
            assertThat(http.built()).as("the upload went out without the JDK HttpClient").isFalse();
            assertThat(transport.json("GET", "/v2/images/1234", null, null)).isEmpty();
            assertThat(http.built()).as("the show went out on its own socket too").isFalse();
            assertThat(seen.get()).startsWith("GET /v2/images/1234 HTTP/1.1\r\n")
                    .contains("\r\nAccept: application/json\r\n").contains("\r\nConnection: close\r\n");
        }
    }

    @Test
    void aDownloadAsksWithoutABodyAndReadsTheChunkedAnswerFromItsOwnSocketVerified() throws Exception {
        byte[] data = new byte[3 * 1024 * 1024 + 11];
        new Random(8).nextBytes(data);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
                try (Socket download = server.accept()) {
                    String requestHead = RequestHeads.read(download.getInputStream());
                    OutputStream out = download.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    for (int at = 0; at < data.length; at += 700_001) { // chunks that straddle the 1 MiB blocks
                        int length = Math.min(700_001, data.length - at);
                        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.write(data, at, length);
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    return requestHead;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Transport transport = new Transport(URI.create("http://127.0.0.1:" + server.getLocalPort()),
                    java.util.Optional.of("a-token"));
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            String sha512 = GlanceClientTest.hex("SHA-512", data);
            DownloadResult result = Download.run(transport, "1234", "/v2/images/1234/file", received,
                    ProgressListener.NONE, () -> data.length, known(new Download.Expected("sha512", sha512)));
            assertThat(result.digest()).isEqualTo(sha512);
            assertThat(result.bytes()).isEqualTo(data.length);
            assertThat(received.toByteArray()).isEqualTo(data);
            // HttpURLConnection would have asked for keep-alive: this is the client's own request on its socket
            assertThat(seen.get()).startsWith("GET /v2/images/1234/file HTTP/1.1\r\n")
                    .contains("\r\nX-Auth-Token: a-token\r\n").contains("\r\nConnection: close\r\n")
                    .doesNotContain("Content-Length");
        }
    }

    /** A check that knows its digest before the data request, as API v1's headers do. */
    private static Download.Check known(Download.Expected expected) {
        return new Download.Check() {
            @Override
            public void failFirst() {
            }

            @Override
            public String algorithm(DataResponse response) {
                return expected.algorithm();
            }

            @Override
            public Download.Expected expected(DataResponse response) {
                return expected;
            }
        };
    }

    @Test
    void aFileThatShrankIsTheCallersProblemNotTheConnections() throws Exception {
        Path file = Files.write(work.resolve("shrinks.img"), new byte[1000]);
        DataBody body = DataBody.file(file, 5000, ProgressListener.NONE);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                java.nio.channels.SocketChannel channel = java.nio.channels.SocketChannel.open(
                        server.getLocalSocketAddress());
                Socket accepted = server.accept()) {
            assertThatThrownBy(() -> body.transferTo(channel)).isInstanceOf(DataBody.SourceException.class)
                    .hasMessageContaining("ended after 1000 bytes");
        }
    }
}

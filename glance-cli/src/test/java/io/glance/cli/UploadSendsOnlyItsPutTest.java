package io.glance.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code glance upload ID FILE} and {@code glance stage ID FILE} send their PUT and nothing else, as curl and
 * glanceclient's image-upload do: the line they print comes from the bytes sent. A loopback server that answers a PUT
 * with 204 and anything else with 500 records the request lines.
 */
class UploadSendsOnlyItsPutTest {
    private static final String ID = "4d1f9a3c-0c55-4e0e-9d5b-2b1f1a7e6c01";

    @TempDir
    Path work;

    private ServerSocket server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private Thread serving;

    @BeforeEach
    void startServer() throws IOException {
        server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        serving = Thread.ofPlatform().daemon().start(this::serve);
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
        serving.join(5000);
    }

    @Test
    void uploadPrintsTheBytesSentWithoutAskingTheServer() throws Exception {
        Path file = Files.write(work.resolve("disk.img"), new byte[300_001]);
        CliRun run = CliRun.run("--url", "http://127.0.0.1:" + server.getLocalPort(), "upload", ID,
                file.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Uploaded image " + ID + ": 300001 bytes\n");
        assertThat(requests).containsExactly("PUT /v2/images/" + ID + "/file HTTP/1.1");
    }

    @Test
    void stagePrintsTheBytesSentWithoutAskingTheServer() throws Exception {
        Path file = Files.write(work.resolve("disk.img"), new byte[70_000]);
        CliRun run = CliRun.run("--url", "http://127.0.0.1:" + server.getLocalPort(), "stage", ID,
                file.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Staged 70000 bytes for image " + ID + " (status uploading)");
        assertThat(requests).containsExactly("PUT /v2/images/" + ID + "/stage HTTP/1.1");
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                String head = head(in);
                String requestLine = head.substring(0, head.indexOf("\r\n"));
                requests.add(requestLine);
                in.readNBytes((int) contentLength(head));
                String answer = requestLine.startsWith("PUT ")
                        ? "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"
                        : "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 2\r\nConnection: close\r\n\r\n{}";
                socket.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException closedOrBroken) {
                // the test is over, or the client hung up: the requests seen so far are what the test checks
            }
        }
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new java.io.EOFException("the request's head ended early");
            }
            head.write(c);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring("content-length:".length()).strip());
            }
        }
        return 0;
    }
}

package io.glance.cli;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The training run of bin/glance's JDK 25 AOT cache (JEP 483/514/515): {@code show} and {@code index} as a user runs
 * them, against a canned image service on a loopback port of this JVM, so that the classes a command loads and links
 * (Jackson's, the client's socket and HTTP parsing, glance-cli's, picocli's: the build rewrites picocli's Java 5
 * class files as Java 8 ones, which the cache can hold, src/build/UpgradeOldClassFiles.java) are what the cache holds,
 * without any real server. bin/glance runs it once in the background with
 * {@code -XX:AOTCacheOutput} when the cache is missing or older than the jars; every later start maps those classes
 * instead of loading, verifying and linking them again.
 *
 * <p>The canned answers are an image as glance-api writes it. A command that fails (exit status other than 0) fails
 * the training, so no cache is written from a run that went another way.
 */
public final class StartupTraining {
    private static final String IMAGE_ID = "55feef47-f7b5-493e-955a-a998338bd34b";
    private static final String IMAGE = "{\"os_distro\":\"cirros\",\"name\":\"training\",\"disk_format\":\"raw\","
            + "\"container_format\":\"bare\",\"visibility\":\"shared\",\"size\":1048576,\"virtual_size\":1048576,"
            + "\"status\":\"active\",\"checksum\":\"a1d587ee7cf88177efcec8fde50a87ae\",\"protected\":false,"
            + "\"min_ram\":0,\"min_disk\":0,\"owner\":null,\"os_hidden\":false,\"os_hash_algo\":\"sha512\","
            + "\"os_hash_value\":\"" + "0".repeat(128) + "\",\"id\":\"" + IMAGE_ID + "\","
            + "\"created_at\":\"2026-12-07T12:34:13Z\",\"updated_at\":\"2026-12-07T12:34:17Z\",\"tags\":[],"
            + "\"self\":\"/v2/images/" + IMAGE_ID + "\",\"file\":\"/v2/images/" + IMAGE_ID + "/file\","
            + "\"schema\":\"/v2/schemas/image\"}";
    /** index lists public images. */
    private static final String LIST = "{\"images\":["
            + IMAGE.replace("\"visibility\":\"shared\"", "\"visibility\":\"public\"") + "]}";

    private StartupTraining() {
    }

    public static void main(String[] args) throws IOException {
        trainingOutput();
    }

    /** Runs the training's commands and returns what they printed; fails when one exits with another status. */
    static String trainingOutput() throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getByName("127.0.0.1"))) {
            Thread responder = new Thread(() -> serve(server), "training-image-service");
            responder.setDaemon(true);
            responder.start();
            String url = "http://127.0.0.1:" + server.getLocalPort();
            run(output, "--url", url, "show", IMAGE_ID);
            run(output, "--url", url, "index");
        }
        return output.toString(StandardCharsets.UTF_8);
    }

    private static void run(OutputStream output, String... args) {
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        Io io = new Io(InputStream.nullInputStream(), out, out, false, false, -1, Map.of());
        int status = GlanceCli.run(args, io);
        if (status != ExitCodes.OK) {
            throw new IllegalStateException("training run " + String.join(" ", args) + " exited with " + status
                    + ": " + output);
        }
    }

    /** Accepts connections until the socket is closed; each client of a run keeps its own connection open. */
    private static void serve(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                Thread answering = new Thread(() -> answer(connection), "training-connection");
                answering.setDaemon(true);
                answering.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Answers every request of one connection: an image for /v2/images/ID, a list of it for anything else. */
    private static void answer(Socket connection) {
        try (connection) {
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = connection.getOutputStream();
            for (String requestLine = in.readLine(); requestLine != null; requestLine = in.readLine()) {
                for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                    // GET requests only: no body to skip
                }
                String path = requestLine.split(" ")[1];
                String body = path.startsWith("/v2/images/") ? IMAGE : LIST;
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                        + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(bytes);
                out.flush();
            }
        } catch (IOException dropped) {
            // the client closed the connection: nothing left to answer
        }
    }
}

package io.glance.client.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real glance-api in its own JVM (io.glance.server.GlanceApi from this test classpath, which holds glance-server),
 * on a free loopback port with its own data directory and the plugins folder the build assembled. A small copy of
 * glance-server's test launcher, shared with glance-cli's tests through the test-jar.
 */
public final class GlanceApiProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private GlanceApiProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static GlanceApiProcess start(Path dataDir, String... extraOptions) throws Exception {
        Files.createDirectories(dataDir);
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), "io.glance.server.GlanceApi", "--api_host", "127.0.0.1",
                "--api_port", Integer.toString(port), "--data_dir", dataDir.toString(),
                "--plugins_dir", pluginsDir().toString()));
        command.addAll(List.of(extraOptions));
        Path log = Files.createTempFile(dataDir, "glance-api", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("GLANCE_"));
        GlanceApiProcess glance = new GlanceApiProcess(builder.start(), port, log);
        if (List.of(extraOptions).contains("--cert_file")) {
            glance.awaitLogLine(" listening on https://", Duration.ofSeconds(150));
        } else {
            glance.awaitReady(Duration.ofSeconds(150));
        }
        return glance;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The https endpoint of a glance-api started with {@code --cert_file}. */
    public URI httpsEndpoint() {
        return URI.create("https://127.0.0.1:" + port);
    }

    /** Over TLS the server is ready when it logs that it listens (the probe would need its CA). */
    private void awaitLogLine(String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("glance-api exited with " + process.exitValue() + ":\n" + log());
            }
            if (log().contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("glance-api did not log '" + text + "' within " + timeout + ":\n" + log());
    }

    public int port() {
        return port;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    static Path pluginsDir() {
        String dir = System.getProperty("glance.test.pluginsDir");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            throw new IllegalStateException("plugins folder not built: " + dir + " (run the build through Maven)");
        }
        return Path.of(dir).toAbsolutePath().normalize();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("glance-api exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(endpoint().resolve("/versions"))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("glance-api did not answer /versions within " + timeout + ":\n" + log());
    }

    /** {@code kill -9}: the process ends at once, without any shutdown of its own. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}

package io.glance.server.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real glance-api in its own JVM, as an operator runs it, on a free loopback port with its own data directory and
 * the plugins folder the build assembled. Tests can stop it gently or kill it with SIGKILL.
 */
final class GlanceProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private GlanceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static Path pluginsDir() {
        String dir = System.getProperty("glance.test.pluginsDir");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            throw new IllegalStateException("plugins folder not built: " + dir + " (run the build through Maven)");
        }
        return Path.of(dir).toAbsolutePath().normalize();
    }

    static GlanceProcess start(Path dataDir, String... extraOptions) throws Exception {
        return start(dataDir, freePort(), extraOptions);
    }

    static GlanceProcess start(Path dataDir, int port, String... extraOptions) throws Exception {
        Files.createDirectories(dataDir);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "io.glance.server.GlanceApi", "--api_host", "127.0.0.1", "--api_port", Integer.toString(port),
                "--data_dir", dataDir.toString(), "--plugins_dir", pluginsDir().toString()));
        command.addAll(List.of(extraOptions));
        Path log = Files.createTempFile(dataDir, "glance-api", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("GLANCE_"));
        GlanceProcess glance = new GlanceProcess(builder.start(), port, log);
        glance.awaitReady(Duration.ofSeconds(60));
        return glance;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    int port() {
        return port;
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    long pid() {
        return process.pid();
    }

    private void awaitReady(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("glance-api exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri("/versions")).build(),
                        HttpResponse.BodyHandlers.discarding());
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

    /** SIGKILL: no shutdown hook runs, as in a crash. */
    void kill() throws InterruptedException {
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

    static Map<String, String> cleanEnvironment(Path home) {
        return Map.of("HOME", home.toString(), "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "LANG", "C.UTF-8");
    }
}

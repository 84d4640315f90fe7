package io.glance.client.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real glance-api in its own JVM (io.glance.server.GlanceApi from this test classpath, which holds glance-server),
 * with its own data directory and the plugins folder the build assembled. A small copy of glance-server's test
 * launcher, shared with glance-cli's tests through the test-jar. The server binds port 0 and the port is read from
 * its own "listening on" log line: a port chosen free beforehand could be taken by another test JVM's server before
 * this one binds it (a restart in the kill -9 test is slow under load), and the probe would then ask the wrong server.
 */
public final class GlanceApiProcess implements AutoCloseable {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(150);
    private static final Pattern LISTENING = Pattern.compile("glance-api listening on https?://[^\\s/]+:(\\d+)");
    private final Process process;
    private final Path log;
    /** Known once the server logged that it listens. */
    private int port;

    private GlanceApiProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static GlanceApiProcess start(Path dataDir, String... extraOptions) throws Exception {
        Files.createDirectories(dataDir);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), "io.glance.server.GlanceApi", "--api_host", "127.0.0.1",
                "--api_port", "0", "--data_dir", dataDir.toString(),
                "--plugins_dir", pluginsDir().toString()));
        command.addAll(List.of(extraOptions));
        Path log = Files.createTempFile(dataDir, "glance-api", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("GLANCE_"));
        GlanceApiProcess glance = new GlanceApiProcess(builder.start(), log);
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        glance.port = glance.awaitListening(deadline);
        // Over TLS the server is ready when it listens (the probe would need its CA).
        if (!List.of(extraOptions).contains("--cert_file")) {
            glance.awaitReady(deadline);
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

    /** The port the server bound, from its "glance-api listening on http://127.0.0.1:PORT" log line. */
    private int awaitListening(long deadline) throws Exception {
        while (System.nanoTime() < deadline) {
            boolean alive = process.isAlive();
            Matcher line = LISTENING.matcher(log());
            if (line.find()) {
                return Integer.parseInt(line.group(1));
            }
            if (!alive) {
                throw new IllegalStateException("glance-api exited with " + process.exitValue() + ":\n" + log());
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("glance-api did not log that it listens within " + STARTUP_TIMEOUT + ":\n"
                + log());
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

    private void awaitReady(long deadline) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
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
        throw new IllegalStateException("glance-api did not answer /versions within " + STARTUP_TIMEOUT + ":\n"
                + log());
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

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
 * A real glance-api (or glance-registry) in its own JVM, as an operator runs it, on a free loopback port with its own
 * data directory and the plugins folder the build assembled. Tests can stop it gently or kill it with SIGKILL.
 */
public final class GlanceProcess implements AutoCloseable {
    /**
     * How long a start may take before the test gives up: about 4 s on a quiet machine, but the suite runs two test
     * classes at a time and a loaded CI machine can take many times that; waiting longer costs nothing when it works.
     */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(150);
    private final Process process;
    private final int port;
    private final Path log;
    private final String name;

    private GlanceProcess(Process process, int port, Path log, String name) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.name = name;
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
        return launch("glance-api", "io.glance.server.GlanceApi", "/versions", dataDir, port, List.of(),
                List.of("--api_host", "127.0.0.1", "--api_port", Integer.toString(port), "--plugins_dir",
                        pluginsDir().toString()), extraOptions);
    }

    /** glance-api under {@code ulimit -n fileLimit}, so that exhausting its descriptors takes few connections. */
    static GlanceProcess startWithFileLimit(Path dataDir, int fileLimit, String... extraOptions) throws Exception {
        int port = freePort();
        return launch("glance-api", "io.glance.server.GlanceApi", "/versions", dataDir, port,
                List.of("sh", "-c", "ulimit -n " + fileLimit + " && exec \"$@\"", "sh"),
                List.of("--api_host", "127.0.0.1", "--api_port", Integer.toString(port), "--plugins_dir",
                        pluginsDir().toString()), extraOptions);
    }

    /**
     * glance-api whose JVM resolves host names with {@code hostsFile} only (the JDK's {@code jdk.net.hosts.file}), so
     * a test can make a name resolve to any address without touching the machine's resolver.
     */
    static GlanceProcess startWithHostsFile(Path dataDir, Path hostsFile, String... extraOptions) throws Exception {
        int port = freePort();
        return launch("glance-api", "io.glance.server.GlanceApi", "/versions", dataDir, port,
                List.of("sh", "-c", "java=$1; shift; exec \"$java\" -Djdk.net.hosts.file=" + hostsFile + " \"$@\"",
                        "sh"),
                List.of("--api_host", "127.0.0.1", "--api_port", Integer.toString(port), "--plugins_dir",
                        pluginsDir().toString()), extraOptions);
    }

    /** glance-registry (the Registry API) on a free port, ready when it answers /healthcheck. */
    public static GlanceProcess startRegistry(Path dataDir, String... extraOptions) throws Exception {
        return startRegistry(dataDir, freePort(), extraOptions);
    }

    /** glance-registry on a given port (a restart on the port glance-api already points at). */
    public static GlanceProcess startRegistry(Path dataDir, int port, String... extraOptions) throws Exception {
        return launch("glance-registry", "io.glance.server.GlanceRegistry", "/healthcheck", dataDir, port, List.of(),
                List.of("--registry_host", "127.0.0.1", "--registry_port", Integer.toString(port)), extraOptions);
    }

    /**
     * Held by the first glance-api start of this JVM until that process is ready. Each glance-api unpacks the store
     * plugins' zips into the shared plugins folder when the zips are newer than what is unpacked there (the build
     * repackages them every time), and two processes unpacking at once (test classes run two at a time) break each
     * other's copy: "Cannot find the manifest path", "the zip cannot be unpacked". Once one process has unpacked
     * them, the others find them up to date and only read them.
     */
    private static final Object FIRST_PLUGIN_UNPACK = new Object();
    private static volatile boolean pluginsUnpacked;

    private static GlanceProcess launch(String name, String mainClass, String readyPath, Path dataDir, int port,
                                        List<String> wrapper, List<String> listenOptions, String... extraOptions)
            throws Exception {
        if (pluginsUnpacked || !listenOptions.contains("--plugins_dir")) {
            return launchNow(name, mainClass, readyPath, dataDir, port, wrapper, listenOptions, extraOptions);
        }
        synchronized (FIRST_PLUGIN_UNPACK) {
            GlanceProcess glance = launchNow(name, mainClass, readyPath, dataDir, port, wrapper, listenOptions,
                    extraOptions);
            pluginsUnpacked = true;
            return glance;
        }
    }

    private static GlanceProcess launchNow(String name, String mainClass, String readyPath, Path dataDir, int port,
                                           List<String> wrapper, List<String> listenOptions, String... extraOptions)
            throws Exception {
        Files.createDirectories(dataDir);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                mainClass, "--data_dir", dataDir.toString()));
        command.addAll(listenOptions);
        command.addAll(List.of(extraOptions));
        Path log = Files.createTempFile(dataDir, name, ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(variable -> variable.startsWith("GLANCE_"));
        GlanceProcess glance = new GlanceProcess(builder.start(), port, log, name);
        if (List.of(extraOptions).contains("--cert_file")) {
            glance.awaitLogLine(" listening on https://", STARTUP_TIMEOUT);
        } else {
            glance.awaitReady(readyPath, STARTUP_TIMEOUT);
        }
        return glance;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    int port() {
        return port;
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    long pid() {
        return process.pid();
    }

    /** The exit status once the process ended by itself within {@code timeout}, or -1 if it still runs. */
    int awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    private void awaitReady(String readyPath, Duration timeout) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(uri(readyPath)).build(),
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
        throw new IllegalStateException(name + " did not answer " + readyPath + " within " + timeout + ":\n"
                + log());
    }

    /** A TLS server (maybe requiring client certificates) is ready when it logs that it listens. */
    private void awaitLogLine(String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + log());
            }
            if (log().contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not log '" + text + "' within " + timeout + ":\n" + log());
    }

    /** The https endpoint of a server started with {@code --cert_file}. */
    String httpsEndpoint() {
        return "https://127.0.0.1:" + port;
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

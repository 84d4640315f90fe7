package io.glance.server.e2e;

import io.glance.testing.net.ReservedPorts;

import java.io.IOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real glance-api (or glance-registry) in its own JVM, as an operator runs it, with its own data directory and the
 * plugins folder the build assembled. Tests can stop it gently or kill it with SIGKILL.
 *
 * <p>Unless the test names a port, the server binds port 0 and the port is read from its own "listening on" log line,
 * so no other process can take it between choosing and binding (with several test JVMs on the machine, a probe of a
 * "free" port once found another engineer's glance-api there). A test that must know the port in advance (a restart
 * on the same port, a node that names its own URL) takes one from {@link #reservedPort()}.
 */
public final class GlanceProcess implements AutoCloseable {
    /**
     * How long a start may take before the test gives up: about 4 s on a quiet machine, but the suite runs two test
     * classes at a time and a loaded CI machine can take many times that; waiting longer costs nothing when it works.
     */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(150);
    private final Process process;
    private final Path log;
    private final String name;
    /** Known once the server logged that it listens. */
    private int port;

    private GlanceProcess(Process process, Path log, String name) {
        this.process = process;
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
        return start(dataDir, 0, extraOptions);
    }

    /** glance-api on {@code port}: 0 for any, or one from {@link #reservedPort()}. */
    static GlanceProcess start(Path dataDir, int port, String... extraOptions) throws Exception {
        return launch("glance-api", "io.glance.server.GlanceApi", "/versions", dataDir, port, List.of(),
                List.of("--api_host", "127.0.0.1", "--api_port", Integer.toString(port), "--plugins_dir",
                        pluginsDir().toString()), extraOptions);
    }

    /** glance-api under {@code ulimit -n fileLimit}, so that exhausting its descriptors takes few connections. */
    static GlanceProcess startWithFileLimit(Path dataDir, int fileLimit, String... extraOptions) throws Exception {
        int port = 0;
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
        int port = 0;
        return launch("glance-api", "io.glance.server.GlanceApi", "/versions", dataDir, port,
                List.of("sh", "-c", "java=$1; shift; exec \"$java\" -Djdk.net.hosts.file=" + hostsFile + " \"$@\"",
                        "sh"),
                List.of("--api_host", "127.0.0.1", "--api_port", Integer.toString(port), "--plugins_dir",
                        pluginsDir().toString()), extraOptions);
    }

    /** glance-registry (the Registry API) on a port of its choosing, ready when it answers /healthcheck. */
    public static GlanceProcess startRegistry(Path dataDir, String... extraOptions) throws Exception {
        return startRegistry(dataDir, 0, extraOptions);
    }

    /**
     * glance-registry on a given port: 0 for any, or one from {@link #reservedPort()} for a restart on the port
     * glance-api already points at.
     */
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
        GlanceProcess glance = new GlanceProcess(builder.start(), log, name);
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        glance.port = glance.awaitListening(deadline);
        if (port != 0 && glance.port != port) {
            glance.process.destroyForcibly();
            throw new IllegalStateException(name + " listens on " + glance.port + ", not on " + port + ":\n"
                    + glance.log());
        }
        // A TLS server is ready when it listens (the probe would need its CA and maybe a client certificate).
        if (!List.of(extraOptions).contains("--cert_file")) {
            glance.awaitReady(readyPath, deadline);
        }
        return glance;
    }

    /**
     * A port for a server the test must name before it starts (see {@link ReservedPorts}): nothing else on the
     * machine listens there, and no other test JVM is handed it, for as long as this JVM runs.
     */
    static int reservedPort() {
        return ReservedPorts.reserve();
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

    private void awaitReady(String readyPath, long deadline) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
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
        throw new IllegalStateException(name + " did not answer " + readyPath + " within " + STARTUP_TIMEOUT + ":\n"
                + log());
    }

    /** The port the server bound, from its "glance-api listening on http://127.0.0.1:PORT" log line. */
    private int awaitListening(long deadline) throws Exception {
        Pattern listening = Pattern.compile(Pattern.quote(name) + " listening on https?://[^\\s/]+:(\\d+)");
        while (System.nanoTime() < deadline) {
            boolean alive = process.isAlive();
            Matcher line = listening.matcher(log());
            if (line.find()) {
                return Integer.parseInt(line.group(1));
            }
            if (!alive) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + log());
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not log that it listens within " + STARTUP_TIMEOUT + ":\n"
                + log());
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

package io.glance.server.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A MariaDB server of a test's own, which the test may stop and start again: the commands of bin/lib/test-mariadb.sh
 * (docs/test-services.md), run from Java. Needs Debian's mariadb-server (bin/test installs it) and root, because
 * mariadbd runs as user {@code mysql}; tests are skipped, with a message, without it.
 */
final class MariaDbServer implements AutoCloseable {
    private static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");

    private final Path base;
    private final int port;
    private Process process;

    private MariaDbServer(Path base, int port) {
        this.base = base;
        this.port = port;
    }

    /** Initialises a data directory and starts the server on a free loopback port with a user glance/glance. */
    static MariaDbServer start() throws Exception {
        assumeTrue(Files.isExecutable(MARIADBD), "mariadb-server is not installed (bin/test installs it)");
        assumeTrue("root".equals(System.getProperty("user.name")), "starting mariadbd as user mysql needs root");
        Path base = Files.createTempDirectory("glance-test-mariadb-own");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        MariaDbServer server = new MariaDbServer(base, GlanceProcess.reservedPort());
        try {
            Files.createDirectories(base.resolve("data"));
            run("chown", "mysql:mysql", base.toString(), base.resolve("data").toString());
            run("mariadb-install-db", "--no-defaults", "--user=mysql", "--datadir=" + base.resolve("data"),
                    "--auth-root-authentication-method=socket", "--skip-test-db");
            server.startAgain();
            server.sql("CREATE USER 'glance'@'127.0.0.1' IDENTIFIED BY 'glance';"
                    + " GRANT ALL ON *.* TO 'glance'@'127.0.0.1'; CREATE DATABASE glance;");
            return server;
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
    }

    /** The JDBC URL of the {@code glance} database, credentials included. */
    String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/glance?user=glance&password=glance";
    }

    /** Starts mariadbd on the existing data directory and waits until it answers. */
    void startAgain() throws Exception {
        List<String> command = new ArrayList<>(List.of(MARIADBD.toString(), "--no-defaults", "--user=mysql",
                "--datadir=" + base.resolve("data"), "--bind-address=127.0.0.1", "--port=" + port,
                "--socket=" + socket(), "--pid-file=" + base.resolve("mariadb.pid"), "--skip-name-resolve",
                "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci"));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("server.log").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mariadbd exited: " + Files.readString(base.resolve("server.log")));
            }
            if (accepts()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("mariadbd did not listen on port " + port + " within 30 s");
    }

    /** SIGTERM, as an operator's stop: MariaDB shuts down cleanly and closes every connection. */
    void stop() throws IOException, InterruptedException {
        if (process != null) {
            if (process.isAlive()) {
                resume();
            }
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** SIGSTOP: the server hangs with its connections open, as behind a network partition. */
    void pause() throws IOException, InterruptedException {
        run("kill", "-STOP", Long.toString(process.pid()));
    }

    /** SIGCONT after {@link #pause()}. */
    void resume() throws IOException, InterruptedException {
        run("kill", "-CONT", Long.toString(process.pid()));
    }

    private boolean accepts() {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return run(false, "mariadb", "--no-defaults", "--socket=" + socket(), "-uroot", "-e", "SELECT 1");
        } catch (IOException | InterruptedException notYet) {
            return false;
        }
    }

    private void sql(String statements) throws Exception {
        run("mariadb", "--no-defaults", "--socket=" + socket(), "-uroot", "-e", statements);
    }

    private Path socket() {
        return base.resolve("mariadb.sock");
    }

    private static void run(String... command) throws IOException, InterruptedException {
        if (!run(true, command)) {
            throw new IllegalStateException("failed: " + String.join(" ", command));
        }
    }

    private static boolean run(boolean showOutput, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        boolean ok = process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        if (!ok && showOutput) {
            System.err.println(String.join(" ", command) + ":\n" + new String(output));
        }
        return ok;
    }

    @Override
    public void close() throws Exception {
        stop();
        try (Stream<Path> files = Files.walk(base)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}

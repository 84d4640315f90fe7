package io.glance.testing.plugins;

import io.glance.store.spi.StoreDriverFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Builds {@code examples/content-addressed-store}, the third-party plugin example, as its author would: with its own
 * pom, by Maven in a child process, outside the main reactor. Public for the end-to-end tests, which need the jar too.
 *
 * <p>The build must not depend on what {@code ./mvnw install} last put into {@code ~/.m2}: on a clean CI machine
 * the Glance artifacts are not there, and elsewhere they may be older than the code under test. So the example is
 * built against a fresh local repository holding only this build's store SPI and TCK, chained to the usual one
 * ({@code maven.repo.local.tail}, Maven 3.9+) for everything else: plugins and JUnit, which the main build has
 * already downloaded, so the child build runs offline.
 */
public final class ExamplePluginBuild {
    /** The example's folder, relative to the repository root. */
    public static final String EXAMPLE = "examples/content-addressed-store";
    static final Duration TIMEOUT = Duration.ofMinutes(5);

    private static final String GLANCE_VERSION = "0.1.0-SNAPSHOT";

    private ExamplePluginBuild() {
    }

    /**
     * Copies the example's sources into {@code workDirectory}, builds them (tests skipped: the example's own build
     * runs its TCK) and returns the plugin jar.
     */
    public static Path buildJar(Path workDirectory) throws IOException, InterruptedException {
        return buildJar(workDirectory, hostSpi());
    }

    /** The jar of the released store SPI 1.1.0, kept for compatibility checks (built from commit 0e69315). */
    public static Path releasedSpi11() {
        return repositoryRoot().resolve("store-plugins/store-spi/src/test/resources/released/glance-store-spi-1.1.0.jar");
    }

    /**
     * {@link #buildJar(Path)} compiling against the store SPI jar {@code spi} instead of the host's own, e.g.
     * {@link #releasedSpi11()}: a plugin built by a third party before the host's SPI grew.
     */
    public static Path buildJar(Path workDirectory, Path spi) throws IOException, InterruptedException {
        Path repository = repositoryRoot();
        Path project = workDirectory.resolve("content-addressed-store");
        copyTree(repository.resolve(EXAMPLE).resolve("src"), project.resolve("src"));
        Files.copy(repository.resolve(EXAMPLE).resolve("pom.xml"), project.resolve("pom.xml"));
        Path localRepository = stageGlanceArtifacts(repository, workDirectory.resolve("m2"), spi);

        List<String> command = new ArrayList<>(List.of(
                repository.resolve(isWindows() ? "mvnw.cmd" : "mvnw").toString(),
                "-q", "-B", "-o", "package", "-Dmaven.test.skip=true",
                "-Dmaven.repo.local=" + localRepository,
                "-Dmaven.repo.local.tail=" + userLocalRepository(),
                "-f", project.resolve("pom.xml").toString()));
        Path log = workDirectory.resolve("maven.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // The JDK running the tests: 21 or newer, as ./mvnw's own JDK search would pick.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process maven = builder.start();
        if (!maven.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            maven.descendants().forEach(ProcessHandle::destroyForcibly);
            maven.destroyForcibly();
            throw new AssertionError("building " + EXAMPLE + " took longer than " + TIMEOUT + ":\n" + tail(log));
        }
        if (maven.exitValue() != 0) {
            throw new AssertionError("building " + EXAMPLE + " failed (exit " + maven.exitValue() + "): "
                    + String.join(" ", command) + "\n" + tail(log));
        }
        try (Stream<Path> files = Files.list(project.resolve("target"))) {
            List<Path> jars = files.filter(file -> file.getFileName().toString().endsWith(".jar")).toList();
            if (jars.size() != 1) {
                throw new AssertionError("expected one jar in " + project.resolve("target") + ", found " + jars);
            }
            return jars.get(0);
        }
    }

    /** The Git work tree this test runs in: the nearest folder upwards with the wrapper and the example. */
    public static Path repositoryRoot() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            if (Files.isRegularFile(directory.resolve("mvnw")) && Files.isDirectory(directory.resolve(EXAMPLE))) {
                return directory;
            }
        }
        throw new IllegalStateException("no folder above " + Path.of("").toAbsolutePath() + " has mvnw and "
                + EXAMPLE);
    }

    /**
     * Puts the Glance artifacts the example depends on into {@code localRepository}, laid out as Maven installs them:
     * the SPI the host itself runs with, the TCK built next to it, and their parent poms.
     */
    private static Path stageGlanceArtifacts(Path repository, Path localRepository, Path spi) throws IOException {
        stagePom(localRepository, "glance-parent", repository.resolve("pom.xml"));
        stagePom(localRepository, "store-plugins", repository.resolve("store-plugins/pom.xml"));
        stagePom(localRepository, "glance-store-spi", repository.resolve("store-plugins/store-spi/pom.xml"));
        stageJar(localRepository, "glance-store-spi", spi);
        Path tck = repository.resolve("store-plugins/store-tck/target/classes");
        if (Files.isDirectory(tck)) {
            stagePom(localRepository, "glance-store-tck", repository.resolve("store-plugins/store-tck/pom.xml"));
            stageJar(localRepository, "glance-store-tck", tck);
        }
        // else: not built in this work tree; Maven finds it in the chained repository (./mvnw install), or says so
        return localRepository;
    }

    private static void stagePom(Path localRepository, String artifactId, Path pom) throws IOException {
        Files.copy(pom, artifactDirectory(localRepository, artifactId).resolve(artifactId + "-" + GLANCE_VERSION
                + ".pom"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Copies a jar, or packs a classes folder into one. */
    private static void stageJar(Path localRepository, String artifactId, Path classes) throws IOException {
        Path jar = artifactDirectory(localRepository, artifactId).resolve(artifactId + "-" + GLANCE_VERSION + ".jar");
        if (Files.isRegularFile(classes)) {
            Files.copy(classes, jar, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream packed = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                packed.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, packed);
            }
        }
    }

    private static Path artifactDirectory(Path localRepository, String artifactId) throws IOException {
        return Files.createDirectories(localRepository.resolve("io/glance").resolve(artifactId)
                .resolve(GLANCE_VERSION));
    }

    /** Where the host's SPI classes are: the reactor's target/classes or jar, or the jar from the local repo. */
    private static Path hostSpi() {
        try {
            return Path.of(StoreDriverFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The local repository the main build uses; surefire does not pass it on, so this is Maven's default. */
    public static Path userLocalRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}

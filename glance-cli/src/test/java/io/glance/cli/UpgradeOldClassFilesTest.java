package io.glance.cli;

import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The build's rewrite of picocli's Java 5 class files (src/build/UpgradeOldClassFiles.java, run by the pom on JDK 24
 * and newer) yields class files the JVM verifies and a glance command that prints the same as with the original jar;
 * and a second run leaves the jar alone, so bin/glance's AOT cache is not dropped by every build.
 */
class UpgradeOldClassFilesTest {
    private static final Path PROGRAM = Path.of("src/build/UpgradeOldClassFiles.java");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    static Path folder;
    static Path original;
    static Path rewritten;
    static String firstRunSaid;

    @BeforeAll
    static void rewriteACopyOfPicocli() throws Exception {
        assumeTrue(Runtime.version().feature() >= 24, "java.lang.classfile needs JDK 24");
        original = Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        rewritten = folder.resolve("lib").resolve(original.getFileName());
        Files.createDirectories(rewritten.getParent());
        Files.copy(original, rewritten);
        firstRunSaid = run(List.of(JAVA, PROGRAM.toString(), rewritten.toString()));
    }

    @Test
    void everyClassFileIsAJava8OneAndNothingElseChanged() throws IOException {
        Map<String, Integer> before = majorVersions(original);
        Map<String, Integer> after = majorVersions(rewritten);

        assertThat(before.values()).as("picocli still ships Java 5 class files").contains(49);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        assertThat(after.values()).allMatch(version -> version >= 52);
        assertThat(firstRunSaid).contains(before.values().stream().filter(v -> v < 50).count()
                + " class files rewritten as Java 8 class files");
    }

    @Test
    void theCommandLineRunsOnTheRewrittenClassesWithTheSameOutput() throws Exception {
        // -Xshare:off and -Xverify is the default for the class path: every picocli class the help loads is verified
        // from its new stack maps by the split verifier; the output must not differ by a byte
        String withOriginal = run(glanceHelp(original));
        String withRewritten = run(glanceHelp(rewritten));

        assertThat(withRewritten).isEqualTo(withOriginal).contains("Usage: glance upload");
    }

    @Test
    void aSecondRunLeavesTheJarAsItIs() throws Exception {
        FileTime stamp = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(rewritten, stamp);
        byte[] bytes = Files.readAllBytes(rewritten);

        String said = run(List.of(JAVA, PROGRAM.toString(), rewritten.toString()));

        assertThat(said).contains("no class files older than Java 6, left as it is");
        assertThat(Files.getLastModifiedTime(rewritten)).isEqualTo(stamp);
        assertThat(Files.readAllBytes(rewritten)).isEqualTo(bytes);
    }

    /** A JVM running {@code glance help upload} with {@code picocli} in place of the class path's picocli jar. */
    private static List<String> glanceHelp(Path picocli) {
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classPath.add(entry.equals(original.toString()) ? picocli.toString() : entry);
        }
        return List.of(JAVA, "-Xshare:off", "-cp", String.join(File.pathSeparator, classPath),
                GlanceCli.class.getName(), "help", "upload");
    }

    private static Map<String, Integer> majorVersions(Path jar) throws IOException {
        Map<String, Integer> versions = new TreeMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (var entry : file.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
                try (DataInputStream in = new DataInputStream(file.getInputStream(entry))) {
                    in.readInt(); // 0xCAFEBABE
                    in.readUnsignedShort(); // minor
                    versions.put(entry.getName(), in.readUnsignedShort());
                }
            }
        }
        return versions;
    }

    /** Runs {@code command}, fails unless it exits with 0 within 2 minutes, returns what it printed. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("%s ended", command).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("%s exit status; it printed:%n%s", command, text).isZero();
        return text;
    }
}

package io.glance.server.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interoperable import driven by the unmodified Debian clients against a running glance-api: glanceclient's
 * {@code image-create-via-import} (stage and import in one command) and {@code image-tasks}, openstackclient's
 * {@code image create --import}. The imported bytes must come back unchanged.
 */
class ImportEndToEndTest {
    private static final Pattern ID_ROW = Pattern.compile("\\|\\s*id\\s*\\|\\s*([0-9a-f-]{36})\\s*\\|");

    @TempDir
    static Path work;
    private static GlanceProcess glance;
    private static Path home;
    private static Path image;
    private static byte[] data;

    @BeforeAll
    static void startServer() throws Exception {
        CommandLine.requireInstalled("glance", "python3-glanceclient");
        CommandLine.requireInstalled("openstack", "python3-openstackclient");
        glance = GlanceProcess.start(work.resolve("server"));
        home = Files.createDirectories(work.resolve("home"));
        image = work.resolve("disk.img");
        data = new byte[3 * 1024 * 1024 + 777];
        new Random(7).nextBytes(data);
        Files.write(image, data);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (glance != null) {
            glance.close();
        }
    }

    static CommandLine.Result glanceCli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("glance", "--os-image-url", glance.endpoint(),
                "--os-auth-token", "e2e-token", "--os-image-api-version", "2"));
        command.addAll(List.of(args));
        return CommandLine.run(home, command).requireSuccess();
    }

    /**
     * glanceclient reads the data from stdin whenever stdin is not a terminal (and then refuses {@code --file}), so
     * the data goes in as stdin, as a user would pipe it.
     */
    static CommandLine.Result glanceCliWithStdin(Path input, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "f=$1; shift; exec \"$@\" < \"$f\"", "sh",
                input.toString(), "glance", "--os-image-url", glance.endpoint(), "--os-auth-token", "e2e-token",
                "--os-image-api-version", "2"));
        command.addAll(List.of(args));
        return CommandLine.run(home, command).requireSuccess();
    }

    private static String field(String table, String name) {
        Matcher matcher = Pattern.compile("\\|\\s*" + Pattern.quote(name) + "\\s*\\|\\s*(.*?)\\s*\\|").matcher(table);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** Polls {@code glance image-show} until the image has the status (at most 60 s) and returns the table. */
    static String awaitStatus(String id, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String shown = glanceCli("image-show", id).output();
        while (!status.equals(field(shown, "status")) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            shown = glanceCli("image-show", id).output();
        }
        assertThat(field(shown, "status")).as(shown).isEqualTo(status);
        return shown;
    }

    private static void assertDownloadMatches(String id) throws Exception {
        Path copy = work.resolve(id + ".copy");
        glanceCli("image-download", id, "--file", copy.toString());
        assertThat(Files.readAllBytes(copy)).isEqualTo(data);
    }

    @Test
    void glanceImageCreateViaImportWithGlanceDirect() throws Exception {
        String created = glanceCliWithStdin(image, "image-create-via-import", "--name", "direct", "--disk-format",
                "raw", "--container-format", "bare", "--import-method", "glance-direct").output();
        Matcher id = ID_ROW.matcher(created);
        assertThat(id.find()).as(created).isTrue();
        String shown = awaitStatus(id.group(1), "active");
        assertThat(field(shown, "size")).isEqualTo(Integer.toString(data.length));
        assertThat(field(shown, "os_glance_importing_to_stores")).isEmpty();
        assertDownloadMatches(id.group(1));

        String tasks = glanceCli("image-tasks", id.group(1)).output();
        // glanceclient shows message, status and updated_at of each task: one task, ended well.
        assertThat(tasks.lines().filter(line -> line.startsWith("|") && !line.contains("Status")))
                .singleElement().asString().contains("| success |");
    }

    @Test
    void openstackImageCreateImport() throws Exception {
        String created = CommandLine.run(home, List.of("openstack", "--os-auth-type", "none", "--os-endpoint",
                glance.endpoint(), "--os-image-api-version", "2", "image", "create", "--import", "--disk-format",
                "raw", "--container-format", "bare", "--file", image.toString(), "osc-import")).requireSuccess()
                .output();
        Matcher id = ID_ROW.matcher(created);
        assertThat(id.find()).as(created).isTrue();
        awaitStatus(id.group(1), "active");
        assertDownloadMatches(id.group(1));
    }
}

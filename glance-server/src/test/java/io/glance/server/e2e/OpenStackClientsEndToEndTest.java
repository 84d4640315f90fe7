package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives a running glance-api with the unmodified Debian clients, python3-glanceclient ({@code glance}) and
 * python3-openstackclient ({@code openstack}), without Keystone, as an operator's users would. Every command must
 * exit 0 and downloaded bytes must equal the uploaded ones.
 */
class OpenStackClientsEndToEndTest {
    private static final Pattern ID_ROW = Pattern.compile("\\|\\s*id\\s*\\|\\s*([0-9a-f-]{36})\\s*\\|");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    private static GlanceProcess glance;
    private static Path home;
    private static Path image;

    @BeforeAll
    static void startServer() throws Exception {
        CommandLine.requireInstalled("glance", "python3-glanceclient");
        CommandLine.requireInstalled("openstack", "python3-openstackclient");
        glance = GlanceProcess.start(work.resolve("server"));
        home = Files.createDirectories(work.resolve("home"));
        image = work.resolve("cirros.img");
        // Several 64 KiB client chunks plus a ragged tail, so chunk boundaries are crossed.
        byte[] data = new byte[5 * 1024 * 1024 + 4321];
        new Random(42).nextBytes(data);
        Files.write(image, data);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (glance != null) {
            glance.close();
        }
    }

    private static CommandLine.Result glanceCli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("glance", "--os-image-url", glance.endpoint(),
                "--os-auth-token", "e2e-token", "--os-image-api-version", "2"));
        command.addAll(List.of(args));
        return CommandLine.run(home, command).requireSuccess();
    }

    private static CommandLine.Result openstack(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openstack", "--os-auth-type", "none", "--os-endpoint",
                glance.endpoint(), "--os-image-api-version", "2"));
        command.addAll(List.of(args));
        return CommandLine.run(home, command).requireSuccess();
    }

    private static JsonNode openstackJson(String... args) throws Exception {
        String output = openstack(args).output();
        return JSON.readTree(output.substring(Math.max(0, Math.min(indexOrMax(output, '{'), indexOrMax(output, '[')))));
    }

    private static int indexOrMax(String text, char c) {
        int index = text.indexOf(c);
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    private static String field(String table, String name) {
        Matcher matcher = Pattern.compile("\\|\\s*" + Pattern.quote(name) + "\\s*\\|\\s*(.*?)\\s*\\|").matcher(table);
        return matcher.find() ? matcher.group(1) : null;
    }

    @Test
    void glanceClientLifecycle() throws Exception {
        String created = glanceCli("image-create", "--name", "e2e-glance", "--disk-format", "raw",
                "--container-format", "bare", "--file", image.toString()).output();
        Matcher id = ID_ROW.matcher(created);
        assertThat(id.find()).as("image-create printed an id:\n%s", created).isTrue();
        String imageId = id.group(1);
        assertThat(field(created, "status")).isEqualTo("active");
        assertThat(field(created, "size")).isEqualTo(Long.toString(Files.size(image)));

        assertThat(glanceCli("image-list").output()).contains(imageId).contains("e2e-glance");
        String shown = glanceCli("image-show", imageId).output();
        assertThat(field(shown, "os_hash_algo")).isEqualTo("sha512");
        assertThat(field(shown, "checksum")).matches("[0-9a-f]{32}");

        Path downloaded = work.resolve("glance-download.img");
        glanceCli("image-download", imageId, "--file", downloaded.toString());
        assertThat(Files.mismatch(image, downloaded)).isEqualTo(-1L);

        glanceCli("image-update", imageId, "--property", "os_distro=cirros", "--property", "hw_disk_bus=virtio");
        assertThat(field(glanceCli("image-show", imageId).output(), "os_distro")).isEqualTo("cirros");
        glanceCli("image-update", imageId, "--remove-property", "os_distro");
        String afterRemove = glanceCli("image-show", imageId).output();
        assertThat(field(afterRemove, "os_distro")).isNull();
        assertThat(field(afterRemove, "hw_disk_bus")).isEqualTo("virtio");

        glanceCli("image-tag-update", imageId, "e2e-tag");
        assertThat(field(glanceCli("image-show", imageId).output(), "tags")).contains("e2e-tag");
        glanceCli("image-tag-delete", imageId, "e2e-tag");
        assertThat(field(glanceCli("image-show", imageId).output(), "tags")).doesNotContain("e2e-tag");

        glanceCli("member-create", imageId, "project-b");
        assertThat(glanceCli("member-list", "--image-id", imageId).output()).contains("project-b").contains("pending");

        glanceCli("image-deactivate", imageId);
        assertThat(field(glanceCli("image-show", imageId).output(), "status")).isEqualTo("deactivated");
        glanceCli("image-reactivate", imageId);
        assertThat(field(glanceCli("image-show", imageId).output(), "status")).isEqualTo("active");

        glanceCli("image-delete", imageId);
        List<String> show = List.of("glance", "--os-image-url", glance.endpoint(), "--os-auth-token", "t",
                "--os-image-api-version", "2", "image-show", imageId);
        CommandLine.Result gone = CommandLine.run(home, show);
        assertThat(gone.exitCode()).isNotZero();
        assertThat(gone.output()).containsIgnoringCase("no image");
        assertThat(glanceCli("image-list").output()).doesNotContain(imageId);
    }

    @Test
    void openstackClientLifecycle() throws Exception {
        JsonNode created = openstackJson("image", "create", "--disk-format", "raw", "--container-format", "bare",
                "--file", image.toString(), "-f", "json", "e2e-osc");
        String imageId = created.get("id").asText();
        assertThat(imageId).matches("[0-9a-f-]{36}");

        JsonNode list = openstackJson("image", "list", "-f", "json");
        assertThat(list.findValuesAsText("ID")).contains(imageId);

        JsonNode shown = openstackJson("image", "show", "-f", "json", imageId);
        assertThat(shown.get("status").asText()).isEqualTo("active");
        assertThat(shown.get("size").asLong()).isEqualTo(Files.size(image));

        Path saved = work.resolve("osc-save.img");
        openstack("image", "save", "--file", saved.toString(), imageId);
        assertThat(Files.mismatch(image, saved)).isEqualTo(-1L);

        openstack("image", "set", "--property", "os_version=1.0", "--tag", "osc-tag", imageId);
        JsonNode updated = openstackJson("image", "show", "-f", "json", imageId);
        assertThat(updated.toString()).contains("os_version").contains("1.0").contains("osc-tag");

        openstack("image", "unset", "--property", "os_version", "--tag", "osc-tag", imageId);
        JsonNode unset = openstackJson("image", "show", "-f", "json", imageId);
        assertThat(unset.toString()).doesNotContain("os_version").doesNotContain("osc-tag");

        openstack("image", "delete", imageId);
        assertThat(openstackJson("image", "list", "-f", "json").findValuesAsText("ID")).doesNotContain(imageId);
    }
}

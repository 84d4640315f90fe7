package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The metadata definitions catalog against a real glance-api on a fresh embedded database: the calls and assertions
 * of Tempest 33's eight admin metadefs tests, and the unmodified {@code glance md-*} commands of
 * python3-glanceclient.
 */
class MetadefsEndToEndTest {
    private static final String NS = "/v2/metadefs/namespaces";

    @TempDir
    static Path work;
    private static GlanceProcess glance;
    private static MetadefHttp http;
    private static Path home;

    @BeforeAll
    static void startServer() throws Exception {
        glance = GlanceProcess.start(work.resolve("server"));
        http = new MetadefHttp(glance.endpoint());
        home = Files.createDirectories(work.resolve("home"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (glance != null) {
            glance.close();
        }
    }

    /** Tempest's {@code create_namespace()} helper. */
    private static String createNamespace() throws Exception {
        String name = "tempest-test-ns-" + UUID.randomUUID().toString().substring(0, 8);
        MetadefHttp.Reply created = http.post(NS, "{\"namespace\":\"" + name + "\",\"visibility\":\"public\","
                + "\"description\":\"Tempest\",\"protected\":false,\"display_name\":\"" + name + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return name;
    }

    private static String firstResourceType() throws Exception {
        MetadefHttp.Reply types = http.get("/v2/metadefs/resource_types");
        assertThat(types.status()).isEqualTo(200);
        JsonNode list = types.json().get("resource_types");
        assertThat(list).as("a fresh server has resource types (loaded with the schema)").isNotEmpty();
        return list.get(0).get("name").asText();
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(item -> names.add(item.get("name").asText()));
        return names;
    }

    @Test
    void namespaceLifecycleWithProtection() throws Exception {
        String type = firstResourceType();
        String name = "tempest-ns-" + UUID.randomUUID().toString().substring(0, 8);
        MetadefHttp.Reply created = http.post(NS, "{\"namespace\":\"" + name + "\",\"visibility\":\"public\","
                + "\"description\":\"Tempest\",\"display_name\":\"" + name + "\",\"resource_type_associations\":"
                + "[{\"name\":\"" + type + "\"}],\"protected\":true}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        MetadefHttp.Reply list = http.get(NS);
        assertThat(list.status()).isEqualTo(200);
        List<String> listed = new ArrayList<>();
        list.json().get("namespaces").forEach(item -> listed.add(item.get("namespace").asText()));
        assertThat(listed).as("the new namespace is on the default first page").contains(name);
        JsonNode shown = http.get(NS + "/" + name).json();
        assertThat(shown.get("namespace").asText()).isEqualTo(name);
        assertThat(shown.get("visibility").asText()).isEqualTo("public");
        assertThat(http.delete(NS + "/" + name).status()).as("protected").isEqualTo(403);
        MetadefHttp.Reply updated = http.put(NS + "/" + name, "{\"namespace\":\"" + name + "\",\"description\":"
                + "\"Tempest\",\"visibility\":\"private\",\"display_name\":\"" + name + "\",\"protected\":false}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("visibility").asText()).isEqualTo("private");
        assertThat(updated.json().get("protected").asBoolean()).isFalse();
        assertThat(http.delete(NS + "/" + name).status()).isEqualTo(204);
        assertThat(http.get(NS + "/" + name).status()).isEqualTo(404);
    }

    @Test
    void putIsAFullReplacement() throws Exception {
        String name = createNamespace();
        MetadefHttp.Reply updated = http.put(NS + "/" + name, "{\"namespace\":\"" + name + "-renamed\"}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        JsonNode json = updated.json();
        assertThat(json.has("display_name")).as("dropped fields are cleared").isFalse();
        assertThat(json.has("description")).isFalse();
        assertThat(json.get("visibility").asText()).isEqualTo("private");
        assertThat(json.get("self").asText()).isEqualTo(NS + "/" + name + "-renamed");
        assertThat(http.get(NS + "/" + name).status()).isEqualTo(404);
        assertThat(http.delete(NS + "/" + name + "-renamed").status()).isEqualTo(204);
    }

    @Test
    void resourceTypeAssociationLifecycle() throws Exception {
        String type = firstResourceType();
        String name = createNamespace();
        MetadefHttp.Reply associated = http.post(NS + "/" + name + "/resource_types", "{\"name\":\"" + type + "\"}");
        assertThat(associated.status()).as(associated.body()).isEqualTo(201);
        assertThat(associated.json().get("name").asText()).isEqualTo(type);
        assertThat(names(http.get(NS + "/" + name + "/resource_types").json().get("resource_type_associations")))
                .contains(type);
        assertThat(http.delete(NS + "/" + name + "/resource_types/" + type).status()).isEqualTo(204);
        assertThat(names(http.get(NS + "/" + name + "/resource_types").json().get("resource_type_associations")))
                .doesNotContain(type);
        assertThat(http.delete(NS + "/" + name).status()).isEqualTo(204);
    }

    @Test
    void propertyLifecycleWithAResourceTypeName() throws Exception {
        String type = firstResourceType();
        String name = createNamespace();
        assertThat(http.post(NS + "/" + name + "/resource_types", "{\"name\":\"" + type + "\"}").status())
                .isEqualTo(201);
        String enumValues = "[\"xen\",\"qemu\",\"kvm\",\"lxc\",\"uml\",\"vmware\",\"hyperv\"]";
        MetadefHttp.Reply created = http.post(NS + "/" + name + "/properties", "{\"title\":\"first\",\"name\":\""
                + type + "\",\"type\":\"string\",\"enum\":" + enumValues + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("title").asText()).isEqualTo("first");
        assertThat(http.get(NS + "/" + name + "/properties/" + type).json().get("name").asText()).isEqualTo(type);
        MetadefHttp.Reply updated = http.put(NS + "/" + name + "/properties/" + type, "{\"title\":\"second\","
                + "\"type\":\"string\",\"enum\":" + enumValues + ",\"name\":\"" + type + "\"}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("title").asText()).isEqualTo("second");
        assertThat(http.delete(NS + "/" + name + "/properties/" + type).status()).isEqualTo(204);
        assertThat(http.get(NS + "/" + name + "/properties").json().get("properties").size()).isZero();
        assertThat(http.delete(NS + "/" + name).status()).isEqualTo(204);
    }

    @Test
    void objectsAreCreatedRenamedListedAndDeleted() throws Exception {
        String name = createNamespace();
        assertThat(http.post(NS + "/" + name + "/objects", "{\"name\":\"CPU Limits\"}").status()).isEqualTo(201);
        assertThat(http.get(NS + "/" + name + "/objects/CPU Limits").json().get("name").asText())
                .isEqualTo("CPU Limits");
        assertThat(names(http.get(NS + "/" + name + "/objects").json().get("objects"))).contains("CPU Limits");
        MetadefHttp.Reply renamed = http.put(NS + "/" + name + "/objects/CPU Limits", "{\"name\":\"renamed\"}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("name").asText()).isEqualTo("renamed");
        assertThat(http.delete(NS + "/" + name + "/objects/renamed").status()).isEqualTo(204);
        assertThat(names(http.get(NS + "/" + name + "/objects").json().get("objects"))).doesNotContain("renamed");
        assertThat(http.delete(NS + "/" + name + "/objects/CPU Limits").status()).isEqualTo(404);
        assertThat(http.delete(NS + "/" + name).status()).isEqualTo(204);
    }

    @Test
    void tagsInBulkAndOneByOne() throws Exception {
        String name = createNamespace();
        MetadefHttp.Reply bulk = http.post(NS + "/" + name + "/tags", "{\"tags\":[{\"name\":\"sample-tag1\"},"
                + "{\"name\":\"sample-tag2\"},{\"name\":\"sample-tag3\"}]}");
        assertThat(bulk.status()).as(bulk.body()).isEqualTo(201);
        assertThat(names(http.get(NS + "/" + name + "/tags").json().get("tags")))
                .containsExactlyInAnyOrder("sample-tag1", "sample-tag2", "sample-tag3");
        assertThat(http.post(NS + "/" + name + "/tags/single", null).status()).isEqualTo(201);
        assertThat(http.get(NS + "/" + name + "/tags/single").json().get("name").asText()).isEqualTo("single");
        MetadefHttp.Reply renamed = http.put(NS + "/" + name + "/tags/single", "{\"name\":\"renamed\"}");
        assertThat(renamed.json().get("name").asText()).isEqualTo("renamed");
        assertThat(http.delete(NS + "/" + name + "/tags/renamed").status()).isEqualTo(204);
        assertThat(names(http.get(NS + "/" + name + "/tags").json().get("tags"))).doesNotContain("renamed");
        assertThat(http.delete(NS + "/" + name + "/tags").status()).isEqualTo(204);
        assertThat(http.get(NS + "/" + name + "/tags").json().get("tags").size()).isZero();
        assertThat(http.delete(NS + "/" + name).status()).isEqualTo(204);
    }

    @Test
    void tenSchemasForANonAdminUser() throws Exception {
        for (String schema : List.of("namespace", "namespaces", "resource_type", "resource_types", "object",
                "objects", "property", "properties", "tag", "tags")) {
            assertThat(http.get("/v2/schemas/metadefs/" + schema).status()).as(schema).isEqualTo(200);
        }
    }

    private static CommandLine.Result glanceCli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("glance", "--os-image-url", glance.endpoint(),
                "--os-auth-token", "e2e-token", "--os-image-api-version", "2"));
        command.addAll(List.of(args));
        return CommandLine.run(home, command).requireSuccess();
    }

    private static String field(String table, String name) {
        Matcher matcher = Pattern.compile("\\|\\s*" + Pattern.quote(name) + "\\s*\\|\\s*(.*?)\\s*\\|").matcher(table);
        return matcher.find() ? matcher.group(1) : null;
    }

    @Test
    void glanceClientCatalogCommands() throws Exception {
        CommandLine.requireInstalled("glance", "python3-glanceclient");
        String name = "OS::E2E::Cli";
        String created = glanceCli("md-namespace-create", name, "--display-name", "E2E CLI", "--visibility",
                "public", "--description", "made by glance md-namespace-create").output();
        assertThat(field(created, "namespace")).isEqualTo(name);
        assertThat(field(glanceCli("md-namespace-show", name).output(), "display_name")).isEqualTo("E2E CLI");
        assertThat(glanceCli("md-namespace-list").output()).contains(name);

        String property = glanceCli("md-property-create", name, "--name", "hw_watchdog_action", "--title",
                "Watchdog Action", "--schema", "{\"type\":\"string\",\"enum\":[\"disabled\",\"reset\"]}").output();
        assertThat(field(property, "name")).isEqualTo("hw_watchdog_action");
        String object = glanceCli("md-object-create", name, "--name", "CPU Limits", "--schema",
                "{\"description\":\"quota\",\"properties\":{\"quota:cpu_period\":{\"type\":\"integer\","
                        + "\"title\":\"Period\"}}}").output();
        assertThat(field(object, "name")).isEqualTo("CPU Limits");
        assertThat(glanceCli("md-tag-create-multiple", name, "--names", "gold,silver,bronze").output())
                .contains("gold").contains("silver").contains("bronze");
        glanceCli("md-resource-type-associate", name, "--name", "OS::Nova::Flavor", "--prefix", "hw:");
        assertThat(glanceCli("md-resource-type-list").output()).contains("OS::Nova::Flavor");
        assertThat(glanceCli("md-namespace-resource-type-list", name).output()).contains("OS::Nova::Flavor")
                .contains("hw:");

        JsonNode shown = http.get(NS + "/" + name).json();
        assertThat(shown.get("properties").has("hw_watchdog_action")).isTrue();
        assertThat(names(shown.get("objects"))).containsExactly("CPU Limits");
        assertThat(names(shown.get("tags"))).containsExactlyInAnyOrder("gold", "silver", "bronze");

        glanceCli("md-namespace-delete", name);
        assertThat(http.get(NS + "/" + name).status()).isEqualTo(404);
    }

    /**
     * {@code openstack image metadef namespace …} arrived in python-openstackclient 6.1; Debian bookworm ships 6.0,
     * which has no such command. The test runs when a client that has it is installed and is skipped (saying why)
     * otherwise.
     */
    @Test
    void openstackClientNamespaceCommands() throws Exception {
        CommandLine.requireInstalled("openstack", "python3-openstackclient");
        List<String> base = List.of("openstack", "--os-auth-type", "none", "--os-endpoint", glance.endpoint(),
                "--os-image-api-version", "2");
        // An unknown command with --help still exits 0 (it prints the general help), so probe with a real call.
        CommandLine.Result probe = CommandLine.run(home, concat(base, "image", "metadef", "namespace", "list"));
        assumeTrue(!probe.output().contains("is not an openstack command"),
                "this python3-openstackclient has no 'image metadef namespace' commands: "
                        + probe.output().lines().findFirst().orElse(""));
        probe.requireSuccess();
        String name = "OS::E2E::Osc";
        CommandLine.run(home, concat(base, "image", "metadef", "namespace", "create", name, "--public"))
                .requireSuccess();
        assertThat(CommandLine.run(home, concat(base, "image", "metadef", "namespace", "list")).requireSuccess()
                .output()).contains(name);
        assertThat(CommandLine.run(home, concat(base, "image", "metadef", "namespace", "show", name))
                .requireSuccess().output()).contains(name);
        CommandLine.run(home, concat(base, "image", "metadef", "namespace", "delete", name)).requireSuccess();
        assertThat(http.get(NS + "/" + name).status()).isEqualTo(404);
    }

    private static List<String> concat(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }
}

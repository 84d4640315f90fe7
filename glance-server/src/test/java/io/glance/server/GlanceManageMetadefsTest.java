package io.glance.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code glance-manage db sync|load_metadefs|unload_metadefs|export_metadefs} on an embedded database. */
class GlanceManageMetadefsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path BUNDLED = Path.of("..", "etc", "metadefs");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path work;

    private int run(String... args) {
        out.reset();
        err.reset();
        String[] withData = Stream.concat(Stream.of(args), Stream.of("--data_dir", work.resolve("data").toString()))
                .toArray(String[]::new);
        return GlanceManage.run(withData, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    /** Every exported file, parsed, by file name. */
    private Map<String, JsonNode> export(String directory) throws IOException {
        Path path = work.resolve(directory);
        assertThat(run("db", "export_metadefs", "--path", path.toString())).as(output()).isEqualTo(GlanceManage.OK);
        Map<String, JsonNode> files = new TreeMap<>();
        try (Stream<Path> listing = Files.list(path)) {
            for (Path file : listing.toList()) {
                files.put(file.getFileName().toString(), JSON.readTree(file.toFile()));
            }
        }
        return files;
    }

    private static long bundledFiles() throws IOException {
        try (Stream<Path> listing = Files.list(BUNDLED)) {
            return listing.filter(file -> file.toString().endsWith(".json")).count();
        }
    }

    @Test
    void dbSyncOfANewDatabaseLoadsTheBundledDefinitionsOnce() throws IOException {
        assertThat(run("db", "sync")).as(output()).isEqualTo(GlanceManage.OK);
        assertThat(output()).contains("loaded " + bundledFiles() + " metadata definition namespaces");
        assertThat(export("first")).hasSize((int) bundledFiles()).containsKey("OS__Compute__Quota.json");
        assertThat(run("db", "sync")).isEqualTo(GlanceManage.OK);
        assertThat(output()).doesNotContain("loaded");
    }

    @Test
    void exportUnloadLoadGivesTheSameCatalog() throws IOException {
        assertThat(run("db", "sync")).isEqualTo(GlanceManage.OK);
        Map<String, JsonNode> before = export("before");
        assertThat(before).isNotEmpty();
        JsonNode quota = before.get("OS__Compute__Quota.json");
        assertThat(quota.get("objects")).hasSize(3);
        assertThat(quota.get("owner").asText()).isEqualTo("admin");

        assertThat(run("db", "unload_metadefs")).as(output()).isEqualTo(GlanceManage.OK);
        assertThat(export("empty")).isEmpty();

        assertThat(run("db", "load_metadefs", "--path", work.resolve("before").toString())).as(output())
                .isEqualTo(GlanceManage.OK);
        assertThat(output()).contains(before.size() + " created");
        assertThat(export("after")).isEqualTo(before);
    }

    @Test
    void anExistingNamespaceIsSkippedMergedUpdatedOrReplacedAsTheFlagsSay() throws IOException {
        assertThat(run("db", "sync")).isEqualTo(GlanceManage.OK);
        Path changed = work.resolve("changed");
        Files.createDirectories(changed);
        Files.writeString(changed.resolve("watchdog.json"), """
                {"namespace": "OS::Compute::Watchdog", "display_name": "Changed", "visibility": "private",
                 "properties": {"watchdog_action": {"title": "New title", "type": "string"},
                                "extra": {"title": "Extra", "type": "boolean"}},
                 "tags": [{"name": "new-tag"}]}
                """);
        assertThat(run("db", "load_metadefs", "--path", changed.toString())).isEqualTo(GlanceManage.OK);
        assertThat(output()).contains("1 skipped");
        JsonNode unchanged = export("e1").get("OS__Compute__Watchdog.json");
        assertThat(unchanged.get("display_name").asText()).isEqualTo("Watchdog Behavior");

        assertThat(run("db", "load_metadefs", "--path", changed.toString(), "--merge")).isEqualTo(GlanceManage.OK);
        JsonNode merged = export("e2").get("OS__Compute__Watchdog.json");
        assertThat(merged.get("display_name").asText()).isEqualTo("Watchdog Behavior");
        assertThat(merged.get("properties").has("extra")).isTrue();
        assertThat(merged.get("properties").get("watchdog_action").get("title").asText())
                .isEqualTo("Watchdog Action");
        assertThat(merged.get("tags").toString()).contains("new-tag");

        assertThat(run("db", "load_metadefs", "--path", changed.toString(), "--merge", "--prefer_new"))
                .isEqualTo(GlanceManage.OK);
        JsonNode preferred = export("e3").get("OS__Compute__Watchdog.json");
        assertThat(preferred.get("display_name").asText()).isEqualTo("Changed");
        assertThat(preferred.get("properties").get("watchdog_action").get("title").asText()).isEqualTo("New title");
        assertThat(preferred.get("resource_type_associations")).hasSize(3);

        assertThat(run("db", "load_metadefs", "--path", changed.toString(), "--merge", "--overwrite"))
                .isEqualTo(GlanceManage.OK);
        JsonNode replaced = export("e4").get("OS__Compute__Watchdog.json");
        assertThat(replaced.get("resource_type_associations")).isEmpty();
        assertThat(replaced.get("properties").size()).isEqualTo(2);
    }

    @Test
    void flagCombinationsGlanceRefusesAreUsageErrors() {
        assertThat(run("db", "sync")).isEqualTo(GlanceManage.OK);
        assertThat(run("db", "load_metadefs", "--overwrite")).isEqualTo(GlanceManage.USAGE);
        assertThat(output()).contains("--merge");
        assertThat(run("db", "load_metadefs", "--merge", "--prefer_new", "--overwrite"))
                .isEqualTo(GlanceManage.USAGE);
        assertThat(run("db", "export_metadefs")).isEqualTo(GlanceManage.USAGE);
        assertThat(output()).contains("--path");
    }

    @Test
    void unreadableFilesAreNamedAndTheOthersLoaded() throws IOException {
        assertThat(run("db", "sync")).isEqualTo(GlanceManage.OK);
        assertThat(run("db", "unload_metadefs")).isEqualTo(GlanceManage.OK);
        Path mixed = work.resolve("mixed");
        Files.createDirectories(mixed);
        Files.writeString(mixed.resolve("good.json"), "{\"namespace\": \"Good\"}");
        Files.writeString(mixed.resolve("broken.json"), "{\"namespace\": ");
        assertThat(run("db_load_metadefs", mixed.toString())).isEqualTo(GlanceManage.FAILED);
        assertThat(output()).contains("broken.json").contains("1 created");
        assertThat(export("x")).containsOnlyKeys("Good.json");
    }
}

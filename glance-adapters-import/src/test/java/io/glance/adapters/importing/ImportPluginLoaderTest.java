package io.glance.adapters.importing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportPluginLoaderTest {
    @TempDir
    Path dir;

    @Test
    void theFirstPartyPluginsAreFoundByNameAndKeepTheConfiguredOrder() {
        List<ImportPluginLoader.LoadedPlugin> plugins = ImportPluginLoader.load(List.of("image_conversion",
                "no_op", "image_decompression", "inject_image_metadata"), null, name -> Map.of());
        assertThat(plugins).extracting(ImportPluginLoader.LoadedPlugin::name).containsExactly("image_conversion",
                "no_op", "image_decompression", "inject_image_metadata");
    }

    @Test
    void anUnknownPluginNameStopsTheStartNamingIt() {
        assertThatThrownBy(() -> ImportPluginLoader.load(List.of("image_convresion"), null, name -> Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown import plugin "
                        + "image_convresion").hasMessageContaining("image_conversion");
    }

    @Test
    void aPluginsFolderThatIsNotAFolderIsRefused() {
        assertThatThrownBy(() -> ImportPluginLoader.load(List.of(), dir.resolve("missing"), name -> Map.of()))
                .hasMessageContaining("is not a directory");
    }

    @Test
    void anEmptyPluginsFolderAddsNothing() throws Exception {
        Files.writeString(dir.resolve("README.txt"), "not a jar");
        assertThat(ImportPluginLoader.load(List.of("no_op"), dir, name -> Map.of())).hasSize(1);
    }

    @Test
    void injectImageMetadataAddsItsPropertiesExceptForIgnoredRoles() throws Exception {
        var plugin = ImportPluginLoader.load(List.of("inject_image_metadata"), null,
                name -> Map.of("inject", "hw_rng_model:virtio, os_secure_boot:required")).getFirst().plugin();
        StagedImport member = new StagedImport(dir.resolve("x"), "raw", 1, Set.of("member"));
        plugin.apply(member);
        assertThat(member.attributes).containsEntry("hw_rng_model", "virtio")
                .containsEntry("os_secure_boot", "required");
        StagedImport admin = new StagedImport(dir.resolve("x"), "raw", 1, Set.of("admin", "member"));
        plugin.apply(admin);
        assertThat(admin.attributes).doesNotContainKey("hw_rng_model");
    }
}

package io.glance.server;

import io.glance.config.OptionValues;
import io.glance.server.config.ServerSettings;
import io.glance.adapters.store.LoadedStorePlugins;
import io.glance.adapters.store.PluginStoreRegistry;
import io.glance.store.spi.BadStoreConfigurationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stores configured from options with the plugins the build assembles: the filesystem store's directory comes from
 * the host's {@code StoreContext} (not from an option the host injects), and only in single-store mode.
 */
class StoreSetupTest {
    private static LoadedStorePlugins plugins;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void loadPlugins() {
        plugins = StoreSetup.loadPlugins(Path.of(System.getProperty("glance.test.pluginsDir")));
    }

    @AfterAll
    static void unloadPlugins() {
        plugins.close();
    }

    private PluginStoreRegistry configure(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--data_dir";
        all[1] = dataDir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        OptionValues options = HostOptions.load(all, Map.of(), dir -> StoreSetup.configKeys(plugins));
        return StoreSetup.configureStores(ServerSettings.from(options), options, plugins);
    }

    @Test
    void singleStoreFilesGoUnderDataDirImagesUnlessTheOptionSaysOtherwise() {
        try (PluginStoreRegistry stores = configure()) {
            assertThat(stores.defaultStore().type()).isEqualTo("file");
            assertThat(stores.defaultStore().properties()).as("the driver's own account of where files go")
                    .containsEntry("data_dir", dataDir.resolve("images").toString());
            assertThat(dataDir.resolve("images")).isDirectory();
        }
        Path elsewhere = dataDir.resolve("elsewhere");
        try (PluginStoreRegistry stores = configure("--filesystem_store_datadir", elsewhere.toString())) {
            assertThat(stores.defaultStore().properties()).containsEntry("data_dir", elsewhere.toString());
            assertThat(elsewhere).isDirectory();
        }
    }

    @Test
    void withEnabledBackendsEachFileStoreMustNameItsDirectory() {
        assertThatThrownBy(() -> configure("--enabled_backends", "fast:file").close())
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessageContaining("fast").hasMessageContaining("filesystem_store_datadir");
        assertThat(Files.exists(dataDir.resolve("images"))).isFalse();
    }
}

package io.glance.adapters.store;

import io.glance.domain.ImageLocation;
import io.glance.ports.out.ConfiguredStore;
import io.glance.store.spi.ByteRange;
import io.glance.store.spi.ObjectData;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoredObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real filesystem plugin jar, as plugins-dist ships it, loaded like glance-api loads it: every plugin in the
 * distribution must load, and bytes must survive a trip through the plugin's class loader.
 */
class FilesystemPluginFromDistributionTest {
    private static final String IMAGE_ID = "3b1f9d4e-5c2a-4e8b-9f0d-7a6c5b4e3d2f";

    @Test
    void loadsTheDistributionAndRoundTripsBytesThroughTheFilesystemStore(@TempDir Path tmp) throws IOException {
        Path pluginsDirectory = distribution();
        try (LoadedStorePlugins plugins = StorePluginLoader.loadAll(pluginsDirectory);
             PluginStoreRegistry stores = PluginStoreRegistry.create(plugins,
                     List.of(new StoreConfig("file", "filesystem", null,
                             Map.of("filesystem_store_datadir", tmp.resolve("images").toString()), true)),
                     StoreContextFactory.workDirectoriesUnder(tmp.resolve("work"), "test"))) {
            assertThat(plugins.plugins()).extracting(StorePluginDescription::id).contains("glance-store-filesystem");
            assertThat(plugins.factories().get("file").getClass().getClassLoader())
                    .isInstanceOf(SpiOnlyPluginClassLoader.class);
            ConfiguredStore store = stores.defaultStore();
            assertThat(store.type()).isEqualTo("file");
            assertThat(store.properties()).containsEntry("data_dir", tmp.resolve("images").toString())
                    .containsEntry("chunk_size", "65536");

            byte[] bytes = new byte[1024 * 1024 + 1];
            new Random(42).nextBytes(bytes);
            StoreDriver driver = store.driver();
            StoredObject stored = driver.put(IMAGE_ID, new ByteArrayInputStream(bytes), bytes.length);

            assertThat(stored.location()).isEqualTo(tmp.resolve("images").resolve(IMAGE_ID).toUri());
            assertThat(read(driver.get(stored.location(), null))).isEqualTo(bytes);
            assertThat(read(driver.get(stored.location(), new ByteRange(65_535, 3))))
                    .isEqualTo(Arrays.copyOfRange(bytes, 65_535, 65_538));
            assertThat(stores.storeFor(new ImageLocation(stored.location().toString(), Map.of()))).isSameAs(store);
            driver.delete(stored.location());
            assertThat(tmp.resolve("images").resolve(IMAGE_ID)).doesNotExist();
        }
    }

    /** Set by surefire in glance-server/pom.xml; filled by plugins-dist, which the reactor builds first. */
    private static Path distribution() throws IOException {
        String property = System.getProperty("glance.test.pluginsDir");
        assertThat(property).as("system property glance.test.pluginsDir").isNotNull();
        Path directory = Path.of(property);
        assertThat(directory).as("plugins folder of plugins-dist (build it: ./mvnw -pl plugins-dist -am test)")
                .isDirectory();
        try (var files = Files.list(directory)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .as("plugin archives in %s", directory)
                    .anyMatch(name -> name.startsWith("glance-store-filesystem-") && name.endsWith(".jar"));
        }
        return directory;
    }

    private static byte[] read(ObjectData data) throws IOException {
        try (InputStream stream = data.stream()) {
            return stream.readAllBytes();
        }
    }
}

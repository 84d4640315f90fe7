package io.glance.adapters.store;

import io.glance.testing.plugins.ExamplePluginBuild;
import io.glance.domain.ImageLocation;
import io.glance.ports.out.ConfiguredStore;
import io.glance.store.spi.BadStoreConfigurationException;
import io.glance.store.spi.ByteRange;
import io.glance.store.spi.ObjectData;
import io.glance.store.spi.ObjectNotFoundException;
import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoredObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The promise made to third parties, kept at the loader level: a store plugin built on its own from
 * {@code examples/content-addressed-store}, dropped into a plugins folder next to the filesystem plugin, loads and
 * serves a configured store of its type, and without it that configuration is refused by name.
 */
class ExampleDriverBuildTest {
    private static final String IMAGE = "5e8c2f1a-7b3d-4c9e-8a6f-0d1e2f3a4b5c";
    private static final String TWIN = "c4b3a2f1-0e9d-4c8b-9a7f-6e5d4c3b2a10";
    private static final String CAS_PLUGIN_ID = "example-cas-store";

    @TempDir
    private Path tmp;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void theExamplePluginBuiltOnItsOwnServesACasStoreNextToTheFileStore() throws Exception {
        long started = System.nanoTime();
        Path examplePlugin = ExamplePluginBuild.buildJar(tmp.resolve("build"));
        System.out.println("Built " + examplePlugin.getFileName() + " in "
                + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
        Path plugins = pluginsFolder(examplePlugin);

        try (LoadedStorePlugins loaded = StorePluginLoader.loadAll(plugins);
             PluginStoreRegistry stores = PluginStoreRegistry.create(loaded, fileAndCasStores(),
                     StoreContextFactory.workDirectoriesUnder(tmp.resolve("work"), "test"))) {
            assertThat(loaded.plugins()).extracting(StorePluginDescription::id)
                    .containsExactlyInAnyOrder(CAS_PLUGIN_ID, "glance-store-filesystem");
            assertThat(loaded.plugins()).filteredOn(plugin -> plugin.id().equals(CAS_PLUGIN_ID)).singleElement()
                    .satisfies(plugin -> {
                        assertThat(plugin.version()).isEqualTo("1.0.0-SNAPSHOT");
                        assertThat(plugin.requires()).isEqualTo(">=1.0.0 & <2.0.0");
                        assertThat(plugin.storeTypes()).singleElement().satisfies(type -> {
                            assertThat(type.type()).isEqualTo("cas");
                            assertThat(type.schemes()).containsExactly("cas");
                            assertThat(type.capabilities()).containsExactlyInAnyOrder(StoreCapability.READ,
                                    StoreCapability.READ_RANGE, StoreCapability.WRITE, StoreCapability.DELETE);
                            assertThat(type.configKeys()).containsExactly("cas_store_root");
                        });
                    });
            assertThat(loaded.factories().get("cas").getClass().getClassLoader())
                    .isInstanceOf(SpiOnlyPluginClassLoader.class);

            ConfiguredStore dedup = stores.store("dedup");
            assertThat(stores.multiStore()).isTrue();
            assertThat(stores.defaultStore().id()).isEqualTo("file");
            assertThat(dedup.type()).isEqualTo("cas");
            assertThat(dedup.isDefault()).isFalse();
            assertThat(dedup.properties())
                    .containsEntry("cas_store_root", casRoot().toRealPath().toString())
                    .containsEntry("hash_algorithm", "sha256");

            assertCasRoundTrip(stores, dedup);
            assertFileStoreStillWorks(stores.defaultStore().driver());
        }
    }

    /** An operator who configures a cas store but forgot the jar is told which store type is missing. */
    @Test
    void withoutTheExamplePluginACasStoreIsRefusedNamingItsType() throws IOException {
        Path plugins = pluginsFolder(null);

        try (LoadedStorePlugins loaded = StorePluginLoader.loadAll(plugins)) {
            assertThat(loaded.typeNames()).doesNotContain("cas");
            assertThatThrownBy(() -> PluginStoreRegistry.create(loaded, fileAndCasStores(),
                    StoreContextFactory.workDirectoriesUnder(tmp.resolve("work"), "test")))
                    .isInstanceOf(BadStoreConfigurationException.class)
                    .hasMessageContaining("store 'dedup'")
                    .hasMessageContaining("unknown store type 'cas'");
        }
        assertThat(casRoot()).as("the cas store's root, never created").doesNotExist();
    }

    private void assertCasRoundTrip(PluginStoreRegistry stores, ConfiguredStore dedup) throws Exception {
        byte[] bytes = new byte[1024 * 1024 + 1];
        new Random(7).nextBytes(bytes);
        StoreDriver driver = dedup.driver();

        StoredObject stored = driver.put(IMAGE, new ByteArrayInputStream(bytes), bytes.length);

        assertThat(stored.location()).hasToString("cas://dedup/" + IMAGE);
        assertThat(stored.size()).isEqualTo(bytes.length);
        assertThat(stored.metadata()).containsEntry("sha256", sha256(bytes));
        assertThat(read(driver.get(stored.location(), null))).isEqualTo(bytes);
        assertThat(read(driver.get(stored.location(), new ByteRange(65_535, 3))))
                .isEqualTo(Arrays.copyOfRange(bytes, 65_535, 65_538));
        assertThat(driver.size(stored.location())).isEqualTo(bytes.length);
        assertThat(stores.storeFor(new ImageLocation(stored.location().toString(), Map.of()))).isSameAs(dedup);

        StoredObject twin = driver.put(TWIN, new ByteArrayInputStream(bytes), -1);
        assertThat(blobs()).as("blobs after storing the same bytes for two images").hasSize(1);

        driver.delete(stored.location());
        assertThatThrownBy(() -> driver.get(stored.location(), null)).isInstanceOf(ObjectNotFoundException.class);
        assertThat(read(driver.get(twin.location(), null))).isEqualTo(bytes);
        driver.delete(twin.location());
        assertThat(blobs()).as("blobs after deleting both images").isEmpty();
    }

    private void assertFileStoreStillWorks(StoreDriver file) throws IOException {
        byte[] bytes = "the default store".getBytes(StandardCharsets.UTF_8);
        StoredObject stored = file.put(IMAGE, new ByteArrayInputStream(bytes), bytes.length);
        assertThat(stored.location()).isEqualTo(tmp.resolve("images").resolve(IMAGE).toUri());
        assertThat(read(file.get(stored.location(), null))).isEqualTo(bytes);
        file.delete(stored.location());
    }

    /** glance-api's multi-store configuration: the file store as default, and a cas store named dedup. */
    private List<StoreConfig> fileAndCasStores() {
        return List.of(
                new StoreConfig("file", "file", "Local disk", Map.of("filesystem_store_datadir",
                        tmp.resolve("images").toString()), true),
                new StoreConfig("dedup", "cas", "Deduplicating store", Map.of("cas_store_root",
                        casRoot().toString()), false));
    }

    /** A fresh plugins folder: the distribution's filesystem plugin, plus {@code examplePlugin} when given. */
    private Path pluginsFolder(Path examplePlugin) throws IOException {
        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Path filesystemPlugin = filesystemPluginJar();
        Files.copy(filesystemPlugin, plugins.resolve(filesystemPlugin.getFileName()));
        if (examplePlugin != null) {
            Files.copy(examplePlugin, plugins.resolve(examplePlugin.getFileName()));
        }
        return plugins;
    }

    /** Set by surefire in glance-server/pom.xml; filled by plugins-dist, which the reactor builds first. */
    private static Path filesystemPluginJar() throws IOException {
        String property = System.getProperty("glance.test.pluginsDir");
        assertThat(property).as("system property glance.test.pluginsDir").isNotNull();
        try (Stream<Path> files = Files.list(Path.of(property))) {
            return files.filter(file -> file.getFileName().toString().startsWith("glance-store-filesystem-")
                            && file.getFileName().toString().endsWith(".jar"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no glance-store-filesystem jar in " + property
                            + " (build it: ./mvnw -pl plugins-dist -am test)"));
        }
    }

    private Path casRoot() {
        return tmp.resolve("cas");
    }

    /** Blob files of the cas store: {@code <root>/<2 hex>/<sha256>}. */
    private List<Path> blobs() throws IOException {
        try (Stream<Path> files = Files.walk(casRoot())) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().matches("[0-9a-f]{64}"))
                    .toList();
        }
    }

    private static byte[] read(ObjectData data) throws IOException {
        try (InputStream stream = data.stream()) {
            return stream.readAllBytes();
        }
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}

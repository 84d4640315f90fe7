package io.glance.adapters.store;

import io.glance.store.spi.ObjectData;
import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoreDriverFactory;
import io.glance.store.spi.StoreSpi;
import io.glance.store.spi.StoredObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.PluginClassLoader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The loader against real plugin archives written into a temporary plugins directory. */
class StorePluginLoaderTest {
    @TempDir
    private Path plugins;

    @Test
    void loadsAPluginJarAndFindsItsFactory() throws IOException {
        Path archive = PluginJar.withExampleFactory("example-store", "example", "example", "ex")
                .writeJar(plugins, "example-store-1.0.0.jar");

        try (LoadedStorePlugins loaded = load()) {
            StoreDriverFactory factory = loaded.factories().get("example");
            assertThat(loaded.factories()).containsOnlyKeys("example");
            assertThat(loaded.factory("ex")).containsSame(factory);
            assertThat(loaded.factory("unknown")).isEmpty();
            assertThat(factory.getClass().getClassLoader()).isInstanceOf(SpiOnlyPluginClassLoader.class);
            assertThat(loaded.plugins()).singleElement().satisfies(plugin -> {
                assertThat(plugin.id()).isEqualTo("example-store");
                assertThat(plugin.version()).isEqualTo("1.0.0");
                assertThat(plugin.requires()).isEqualTo(">=1.0.0 & <2.0.0");
                assertThat(plugin.archive()).isEqualTo(archive);
                assertThat(plugin.storeTypes()).singleElement().satisfies(type -> {
                    assertThat(type.type()).isEqualTo("example");
                    assertThat(type.aliases()).containsExactly("ex");
                    assertThat(type.schemes()).containsExactly("example");
                    assertThat(type.capabilities()).containsExactlyInAnyOrder(StoreCapability.values());
                    assertThat(type.configKeys()).containsExactly("example_greeting", "example_password");
                });
            });
            assertThat(loaded.describe()).isEqualTo("example-store 1.0.0 [example]");
            assertRoundTrip(factory);
        }
    }

    /** The factory implements the host's interface (one shared SPI), yet nothing else of the host is visible. */
    @Test
    void pluginSharesTheSpiWithTheHostAndSeesNothingElseOfIt() throws ClassNotFoundException {
        PluginJar.withExampleFactory("isolated", "example", "example").writeJar(plugins, "isolated.jar");

        try (LoadedStorePlugins loaded = load()) {
            StoreDriverFactory factory = loaded.factories().get("example");
            ClassLoader pluginLoader = factory.getClass().getClassLoader();

            assertThat(Class.forName(StoreDriver.class.getName(), false, pluginLoader)).isSameAs(StoreDriver.class);
            assertThat(StoreDriverFactory.class.isAssignableFrom(factory.getClass())).isTrue();
            assertThat(Class.forName("io.helidon.webserver.WebServer")).as("on the host's class path").isNotNull();
            assertThat(describe(factory)).containsAllEntriesOf(Map.of(
                    "helidon", "invisible",
                    "jackson", "invisible",
                    "glance_server", "invisible",
                    "glance_domain", "invisible",
                    "pf4j", "invisible"));
        }
    }

    @Test
    void pluginMayBundleItsOwnVersionOfALibraryTheHostHas() throws ClassNotFoundException {
        PluginJar.withExampleFactory("own-jackson", "example", "example")
                .source("com.fasterxml.jackson.databind.ObjectMapper", ExamplePluginSources.bundledObjectMapper())
                .writeJar(plugins, "own-jackson.jar");

        try (LoadedStorePlugins loaded = load()) {
            StoreDriverFactory factory = loaded.factories().get("example");
            Class<?> hostMapper = Class.forName("com.fasterxml.jackson.databind.ObjectMapper");
            Class<?> pluginMapper = factory.getClass().getClassLoader()
                    .loadClass("com.fasterxml.jackson.databind.ObjectMapper");

            assertThat(describe(factory)).containsEntry("jackson", "plugin");
            assertThat(pluginMapper).isNotSameAs(hostMapper);
        }
    }

    /** A plugin that bundled the SPI by mistake still gets the host's: parent-first for exactly that package. */
    @Test
    void aBundledCopyOfTheSpiIsNeverUsed() throws ClassNotFoundException {
        PluginJar.withExampleFactory("bundles-spi", "example", "example")
                .entry("io/glance/store/spi/StoreDriverFactory.class",
                        PluginJar.hostClassBytes(StoreDriverFactory.class))
                .writeJar(plugins, "bundles-spi.jar");

        try (LoadedStorePlugins loaded = load()) {
            ClassLoader pluginLoader = loaded.factories().get("example").getClass().getClassLoader();

            assertThat(pluginLoader.loadClass(StoreDriverFactory.class.getName())).isSameAs(StoreDriverFactory.class);
        }
    }

    /** Libraries a plugin bundles find their resources through the context class loader, so it must be theirs. */
    @Test
    void storesAreCreatedWithThePluginAsContextClassLoaderAndSecretsMasked() {
        PluginJar.withExampleFactory("contextual", "example", "example").writeJar(plugins, "contextual.jar");

        try (LoadedStorePlugins loaded = load();
             PluginStoreRegistry stores = PluginStoreRegistry.create(loaded,
                     List.of(new StoreConfig("ex", "example", null, Map.of("example_password", "s3cret"), true)),
                     StoreContextFactory.workDirectoriesUnder(plugins.resolve("work"), "test"))) {
            assertThat(stores.defaultStore().properties())
                    .containsEntry("created_with_plugin_context_loader", "true")
                    .containsEntry("example_greeting", "hello")
                    .containsEntry("example_password", "****");
        }
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(getClass().getClassLoader());
    }

    @Test
    void loadsAZipPlugin() throws IOException {
        PluginJar.withExampleFactory("zipped", "example", "example").writeZip(plugins, "zipped.zip");

        try (LoadedStorePlugins loaded = load()) {
            assertThat(loaded.plugins()).singleElement().satisfies(plugin -> {
                assertThat(plugin.id()).isEqualTo("zipped");
                assertThat(plugin.archive().getFileName().toString()).isEqualTo("zipped.zip");
            });
            assertRoundTrip(loaded.factories().get("example"));
        }
    }

    @Test
    void loadsSeveralPlugins() {
        PluginJar.withExampleFactory("first", "one", "one").writeJar(plugins, "first.jar");
        PluginJar.withExampleFactory("second", "two", "two").writeJar(plugins, "second.jar");
        writeText("README.txt", "not a plugin, ignored");

        try (LoadedStorePlugins loaded = load()) {
            assertThat(loaded.factories()).containsOnlyKeys("one", "two");
            assertThat(loaded.describe()).isEqualTo("first 1.0.0 [one], second 1.0.0 [two]");
        }
    }

    @Test
    void jarWithoutManifestIsRefusedNamingTheArchive() {
        PluginJar.withExampleFactory("x", "example", "example").withoutManifest().writeJar(plugins, "no-manifest.jar");

        assertThatThrownBy(this::load)
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("no-manifest.jar")
                .hasMessageContaining("MANIFEST.MF");
    }

    @Test
    void descriptorWithoutIdIsRefusedNamingTheArchive() {
        PluginJar.withExampleFactory("x", "example", "example").attribute("Plugin-Id", null)
                .writeJar(plugins, "anonymous.jar");

        assertThatThrownBy(this::load)
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("anonymous.jar")
                .hasMessageContaining("'id'")
                .satisfies(e -> assertThat(((PluginLoadException) e).pluginId()).isEmpty());
    }

    @Test
    void pluginWithoutPluginRequiresIsRefused() {
        PluginJar.withExampleFactory("unversioned", "example", "example").attribute("Plugin-Requires", null)
                .writeJar(plugins, "unversioned.jar");

        assertThatThrownBy(this::load)
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("'unversioned'")
                .hasMessageContaining("Plugin-Requires");
    }

    @Test
    void pluginRequiringAnotherSpiVersionIsRefusedNamingPluginAndVersions() {
        PluginJar.withExampleFactory("from-the-future", "example", "example").attribute("Plugin-Requires", ">=2.0.0")
                .writeJar(plugins, "from-the-future.jar");

        assertThatThrownBy(this::load)
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("'from-the-future'")
                .hasMessageContaining(">=2.0.0")
                .hasMessageContaining(StoreSpi.VERSION)
                .satisfies(e -> assertThat(((PluginLoadException) e).pluginId()).contains("from-the-future"));
    }

    @Test
    void unparsablePluginRequiresIsRefused() {
        PluginJar.withExampleFactory("garbled", "example", "example").attribute("Plugin-Requires", "one point oh")
                .writeJar(plugins, "garbled.jar");

        assertThatThrownBy(this::load)
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("'garbled'")
                .hasMessageContaining("one point oh");
    }

    @Test
    void pluginClassIsRefused() {
        PluginJar.withExampleFactory("lifecycle", "example", "example").attribute("Plugin-Class", "example.MyPlugin")
                .writeJar(plugins, "lifecycle.jar");

        assertThatThrownBy(this::load)
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("'lifecycle'")
                .hasMessageContaining("example.MyPlugin");
    }

    @Test
    void pluginDependenciesAreRefused() {
        PluginJar.withExampleFactory("dependent", "example", "example").attribute("Plugin-Dependencies", "other")
                .writeJar(plugins, "dependent.jar");

        assertThatThrownBy(this::load)
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("'dependent'")
                .hasMessageContaining("Plugin-Dependencies");
    }

    @Test
    void twoArchivesWithTheSamePluginIdAreRefused() {
        PluginJar.withExampleFactory("twin", "one", "one").writeJar(plugins, "twin-1.jar");
        PluginJar.withExampleFactory("twin", "two", "two").writeJar(plugins, "twin-2.jar");

        assertThatThrownBy(this::load)
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("twin-2.jar")
                .hasMessageContaining("twin");
    }

    @Test
    void storeTypeClaimedByTwoPluginsIsRefusedNamingBoth() {
        PluginJar.withExampleFactory("first", "shared", "one").writeJar(plugins, "first.jar");
        PluginJar.withExampleFactory("second", "shared", "two").writeJar(plugins, "second.jar");

        assertThatThrownBy(this::load)
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("'second'")
                .hasMessageContaining("'first'")
                .hasMessageContaining("'shared'");
    }

    @Test
    void aliasClashingWithAnotherPluginsTypeIsRefused() {
        PluginJar.withExampleFactory("first", "file", "one").writeJar(plugins, "first.jar");
        PluginJar.withExampleFactory("second", "disk", "two", "file").writeJar(plugins, "second.jar");

        assertThatThrownBy(this::load)
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("'second'")
                .hasMessageContaining("'first'")
                .hasMessageContaining("'file'");
    }

    @Test
    void schemeClaimedByTwoPluginsIsRefused() {
        PluginJar.withExampleFactory("first", "one", "shared").writeJar(plugins, "first.jar");
        PluginJar.withExampleFactory("second", "two", "shared").writeJar(plugins, "second.jar");

        assertThatThrownBy(this::load)
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("'second'")
                .hasMessageContaining("scheme 'shared'");
    }

    @Test
    void pluginWithoutFactoryIsRefused() {
        PluginJar.plugin("empty").entry("README.txt", "nothing here".getBytes(StandardCharsets.UTF_8))
                .writeJar(plugins, "empty.jar");

        assertThatThrownBy(this::load)
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("'empty'")
                .hasMessageContaining("no StoreDriverFactory");
    }

    @Test
    void factoryThatCannotBeInstantiatedIsRefused() {
        PluginJar.plugin("broken").service("example.broken.Missing").writeJar(plugins, "broken.jar");

        assertThatThrownBy(this::load)
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("'broken'")
                .hasMessageContaining("example.broken.Missing");
    }

    @Test
    void disabledPluginIsNotLoaded() {
        PluginJar.withExampleFactory("wanted", "one", "one").writeJar(plugins, "wanted.jar");
        PluginJar.withExampleFactory("unwanted", "two", "two").writeJar(plugins, "unwanted.jar");

        try (LoadedStorePlugins loaded = load(PluginSelection.allExcept(List.of("unwanted")))) {
            assertThat(loaded.factories()).containsOnlyKeys("one");
            assertThat(loaded.plugins()).extracting(StorePluginDescription::id).containsExactly("wanted");
        }
        try (LoadedStorePlugins loaded = load(PluginSelection.only(List.of("unwanted")))) {
            assertThat(loaded.factories()).containsOnlyKeys("two");
        }
    }

    @Test
    void enabledTxtAndDisabledTxtInThePluginsDirectoryAreHonoured() {
        PluginJar.withExampleFactory("a", "one", "one").writeJar(plugins, "a.jar");
        PluginJar.withExampleFactory("b", "two", "two").writeJar(plugins, "b.jar");
        PluginJar.withExampleFactory("c", "three", "three").writeJar(plugins, "c.jar");
        writeText("enabled.txt", "# store plugins\na\nb\n");
        writeText("disabled.txt", "b\n");

        try (LoadedStorePlugins loaded = load()) {
            assertThat(loaded.factories()).containsOnlyKeys("one");
        }
    }

    /** A disabled plugin is not checked beyond its descriptor: an old one can stay in the folder, switched off. */
    @Test
    void disabledPluginForAnotherSpiVersionIsSkippedQuietly() {
        PluginJar.withExampleFactory("current", "one", "one").writeJar(plugins, "current.jar");
        PluginJar.withExampleFactory("legacy", "two", "two").attribute("Plugin-Requires", ">=0.1.0 & <1.0.0")
                .writeJar(plugins, "legacy.jar");

        try (LoadedStorePlugins loaded = load(PluginSelection.allExcept(List.of("legacy")))) {
            assertThat(loaded.factories()).containsOnlyKeys("one");
        }
    }

    @Test
    void enabledPluginWithoutArchiveIsRefused() {
        PluginJar.withExampleFactory("present", "one", "one").writeJar(plugins, "present.jar");

        assertThatThrownBy(() -> load(PluginSelection.only(List.of("present", "misspelt"))))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("misspelt")
                .hasMessageContaining(plugins.toString());
    }

    @Test
    void missingPluginsDirectoryIsRefused() {
        Path missing = plugins.resolve("nowhere");

        assertThatThrownBy(() -> new StorePluginLoader(missing, PluginSelection.all(), StoreSpi.VERSION).load())
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void emptyPluginsDirectoryLoadsNothing() {
        try (LoadedStorePlugins loaded = load()) {
            assertThat(loaded.factories()).isEmpty();
            assertThat(loaded.describe()).isEqualTo("none");
        }
    }

    @Test
    void closeUnloadsThePluginsAndClosesTheirClassLoaders() {
        PluginJar.withExampleFactory("closable", "example", "example").writeJar(plugins, "closable.jar");
        LoadedStorePlugins loaded = load();
        PluginClassLoader pluginLoader = (PluginClassLoader) loaded.factories().get("example").getClass()
                .getClassLoader();

        loaded.close();
        loaded.close();

        assertThat(pluginLoader.isClosed()).isTrue();
    }

    private LoadedStorePlugins load() {
        return load(PluginSelection.all());
    }

    private LoadedStorePlugins load(PluginSelection selection) {
        return new StorePluginLoader(plugins, selection, StoreSpi.VERSION).load();
    }

    private void writeText(String fileName, String text) {
        try {
            Files.writeString(plugins.resolve(fileName), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> describe(StoreDriverFactory factory) {
        try (StoreDriver driver = factory.create("probe", Map.of(), null)) {
            return driver.describe();
        }
    }

    private static void assertRoundTrip(StoreDriverFactory factory) throws IOException {
        byte[] bytes = "bytes through a plugin".getBytes(StandardCharsets.UTF_8);
        try (StoreDriver driver = factory.create("example", Map.of(), null)) {
            StoredObject stored = driver.put("image-1", new ByteArrayInputStream(bytes), bytes.length);
            ObjectData data = driver.get(stored.location(), null);
            try (InputStream stream = data.stream()) {
                assertThat(stream.readAllBytes()).isEqualTo(bytes);
            }
        }
    }
}

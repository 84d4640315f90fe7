package io.glance.adapters.store;

import io.glance.testing.plugins.ExamplePluginBuild;
import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoreSpi;
import io.glance.store.tck.StoreDriverTck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promise to third parties across SPI versions: the example plugin, built from its own pom against the RELEASED
 * store SPI 1.1.0 jar (not this host's), is loaded by this host (SPI {@value StoreSpi#VERSION}) in its isolating class
 * loader, configured through the host's registry, and passes the whole current TCK.
 */
class ExampleDriverBuiltAgainstSpi11TckTest extends StoreDriverTck {
    @TempDir
    static Path build;

    private static LoadedStorePlugins plugins;
    private PluginStoreRegistry stores;
    private Path root;

    @BeforeAll
    static void buildAgainstTheReleasedSpiAndLoad() throws Exception {
        Path jar = ExamplePluginBuild.buildJar(build.resolve("build"), ExamplePluginBuild.releasedSpi11());
        Path folder = Files.createDirectories(build.resolve("plugins"));
        Files.copy(jar, folder.resolve(jar.getFileName()));
        plugins = StorePluginLoader.loadAll(folder);
    }

    @AfterAll
    static void unload() {
        if (plugins != null) {
            plugins.close();
        }
    }

    @Override
    protected StoreDriver createDriver(Path tmp) {
        root = tmp.resolve("cas");
        stores = PluginStoreRegistry.create(plugins, List.of(new StoreConfig("cas-tck", "cas", null,
                Map.of("cas_store_root", root.toString()), true)),
                StoreContextFactory.workDirectoriesUnder(tmp.resolve("work"), "test"));
        return stores.defaultStore().driver();
    }

    @AfterEach
    void closeStores() {
        if (stores != null) {
            stores.close();
        }
    }

    @Override
    protected Set<StoreCapability> declaredCapabilities() {
        return plugins.factories().get("cas").capabilities();
    }

    /** One name per image pointer, and every file that is neither a pointer, a blob nor the lock (a leftover). */
    @Override
    protected List<String> listStoredNames() throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = root.relativize(file);
                String name = relative.getFileName().toString();
                String parent = relative.getParent() == null ? "" : relative.getParent().toString();
                boolean blob = name.matches("[0-9a-f]{64}") && parent.equals(name.substring(0, 2));
                if (parent.equals("index")) {
                    names.add("image " + name);
                } else if (!blob && !relative.toString().equals(".lock")) {
                    names.add("other " + relative);
                }
            }
        }
        return names;
    }

    @Override
    protected URI absentLocation(String imageId) {
        return URI.create("cas://cas-tck/" + imageId);
    }

    @Test
    void thePluginWasBuiltAgainstTheReleasedSpiAndRunsOnThisOne() {
        assertThat(plugins.plugins()).singleElement().satisfies(plugin -> {
            assertThat(plugin.id()).isEqualTo("example-cas-store");
            assertThat(plugin.requires()).isEqualTo(">=1.0.0 & <2.0.0");
        });
        assertThat(StoreSpi.VERSION).isNotEqualTo("1.1.0");
        assertThat(plugins.factories().get("cas").getClass().getClassLoader())
                .isInstanceOf(SpiOnlyPluginClassLoader.class);
    }
}

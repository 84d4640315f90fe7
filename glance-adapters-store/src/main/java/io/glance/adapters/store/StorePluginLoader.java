package io.glance.adapters.store;

import io.glance.store.spi.StoreDriverFactory;
import io.glance.store.spi.StoreSpi;
import org.pf4j.PluginWrapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * Loads the store plugins of a plugins directory (one jar or zip per plugin) with PF4J, each in its own class loader
 * that shares only the store SPI with the host, and finds their {@link StoreDriverFactory} implementations.
 *
 * <p>Strict where PF4J is lenient: any plugin that cannot be read, has an invalid descriptor, requires another SPI
 * version, fails to start, provides no factory, or claims a store type, alias or scheme another plugin has, fails
 * the whole load with a {@link PluginLoadException} naming it. A plugin excluded by the selection (or by
 * {@code enabled.txt}/{@code disabled.txt} in the directory) is skipped; its descriptor must still be readable.
 *
 * <pre>{@code
 * try (LoadedStorePlugins plugins = StorePluginLoader.loadAll(Path.of("plugins"))) { ... }
 * }</pre>
 */
public final class StorePluginLoader {
    private static final Logger LOG = Logger.getLogger(StorePluginLoader.class.getName());

    private final Path pluginsDirectory;
    private final PluginSelection selection;
    private final String spiVersion;

    /**
     * @param pluginsDirectory where the plugin archives are
     * @param selection        which plugins to load, in addition to the directory's enabled.txt and disabled.txt
     * @param spiVersion       the store SPI version this host provides, checked against each Plugin-Requires;
     *                         normally {@link StoreSpi#VERSION}
     */
    public StorePluginLoader(Path pluginsDirectory, PluginSelection selection, String spiVersion) {
        this.pluginsDirectory = requireNonNull(pluginsDirectory, "pluginsDirectory is null").toAbsolutePath();
        this.selection = requireNonNull(selection, "selection is null");
        this.spiVersion = requireNonNull(spiVersion, "spiVersion is null");
    }

    /** Loads every plugin of {@code pluginsDirectory} allowed by its enabled.txt/disabled.txt, for this SPI. */
    public static LoadedStorePlugins loadAll(Path pluginsDirectory) {
        return new StorePluginLoader(pluginsDirectory, PluginSelection.all(), StoreSpi.VERSION).load();
    }

    /**
     * Loads the plugins.
     *
     * @throws PluginLoadException when the directory or any selected plugin is unusable
     */
    public LoadedStorePlugins load() {
        if (!Files.isDirectory(pluginsDirectory)) {
            throw PluginLoadException.forDirectory(pluginsDirectory, "it is not a directory", null);
        }
        List<PluginSelection> selections = List.of(selection, PluginSelection.fromFiles(pluginsDirectory));
        StorePluginManager manager = new StorePluginManager(pluginsDirectory, selections, spiVersion);
        Map<String, Path> archives = manager.loadAndStart();
        try {
            StoreTypeClaims claims = new StoreTypeClaims();
            List<StorePluginDescription> descriptions = new ArrayList<>();
            for (Map.Entry<String, Path> entry : archives.entrySet()) {
                descriptions.add(register(manager.getPlugin(entry.getKey()), entry.getValue(), claims));
            }
            if (descriptions.isEmpty()) {
                LOG.warning("No store plugins loaded from " + pluginsDirectory);
            }
            return new LoadedStorePlugins(descriptions, claims.factoriesByType(), claims.typesByName(),
                    () -> manager.unloadAll(null));
        } catch (RuntimeException | Error e) {
            manager.unloadAll(e);
            throw e;
        }
    }

    private static StorePluginDescription register(PluginWrapper plugin, Path archive, StoreTypeClaims claims) {
        String id = plugin.getPluginId();
        List<StoreTypeDescription> types = new ArrayList<>();
        for (StoreDriverFactory factory : StoreFactoryDiscovery.discover(id, archive, plugin.getPluginClassLoader())) {
            StoreTypeDescription type;
            try {
                type = ContextClassLoader.call(plugin.getPluginClassLoader(), () -> StoreTypeDescription.of(factory));
            } catch (RuntimeException | LinkageError e) {
                throw PluginLoadException.forPlugin(id, archive, "its factory cannot describe itself: "
                        + StorePluginManager.messageOf(e), e);
            }
            claims.claim(id, archive, type, factory);
            types.add(type);
        }
        StorePluginDescription description = new StorePluginDescription(id, plugin.getDescriptor().getVersion(),
                plugin.getDescriptor().getRequires(), archive, types);
        LOG.info("Loaded store plugin " + description);
        return description;
    }
}

package io.glance.server;

import io.glance.config.OptionValues;
import io.glance.server.config.ServerSettings;
import io.glance.server.config.StoreSettings;
import io.glance.adapters.store.LoadedStorePlugins;
import io.glance.adapters.store.PluginSelection;
import io.glance.adapters.store.PluginStoreRegistry;
import io.glance.adapters.store.StoreConfig;
import io.glance.adapters.store.StoreContextFactory;
import io.glance.adapters.store.StorePluginLoader;
import io.glance.store.spi.BadStoreConfigurationException;
import io.glance.store.spi.ConfigKey;
import io.glance.store.spi.StoreSpi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads the store plugins and configures the stores glance-api serves: Glance's legacy single-store mode
 * ({@code default_store}, and {@code stores} for more types such as the read-only {@code http}) or its multi-store
 * mode ({@code enabled_backends} with one section per store id).
 */
final class StoreSetup {
    static final String HOST_VERSION = "glance-java/0.1.0";

    private StoreSetup() {
    }

    static LoadedStorePlugins loadPlugins(Path pluginsDir) {
        return new StorePluginLoader(pluginsDir, PluginSelection.fromFiles(pluginsDir), StoreSpi.VERSION).load();
    }

    /** Every option name the loaded store plugins declare. */
    static Set<String> configKeys(LoadedStorePlugins plugins) {
        Set<String> keys = new TreeSet<>();
        plugins.factories().values().forEach(factory -> factory.configKeys().stream().map(ConfigKey::name)
                .forEach(keys::add));
        return keys;
    }

    /**
     * The store options of the plugins in {@code pluginsDir}, for the commands that check glance-api's options
     * without serving stores (glance-registry, glance-manage); none when the directory does not exist.
     */
    static Set<String> configKeysIn(Path pluginsDir) {
        if (!Files.isDirectory(pluginsDir)) {
            return Set.of();
        }
        try (LoadedStorePlugins plugins = loadPlugins(pluginsDir)) {
            return configKeys(plugins);
        }
    }

    static PluginStoreRegistry configureStores(ServerSettings server, OptionValues options,
                                               LoadedStorePlugins plugins) {
        StoreSettings settings = StoreSettings.from(options);
        Path stores = server.dataDir().resolve("stores");
        if (!settings.multiStore()) {
            // Glance's [glance_store] stores: each type once, its id the type; the default store takes uploads.
            // Files go to <data_dir>/images unless the store's own option says otherwise.
            StoreContextFactory contexts = StoreContextFactory.workDirectoriesUnder(stores, HOST_VERSION,
                    server.dataDir().resolve("images"));
            List<StoreConfig> configs = settings.stores().stream().map(type -> StoreConfig.singleStore(type,
                    settings.topLevelOptions(), plugins, type.equals(settings.defaultStore()))).toList();
            return PluginStoreRegistry.create(plugins, configs, contexts, false);
        }
        StoreContextFactory contexts = StoreContextFactory.workDirectoriesUnder(stores, HOST_VERSION, null);
        List<StoreConfig> configs = settings.backends().stream().map(backend -> {
            if (plugins.canonicalType(backend.type()).isEmpty()) {
                throw new BadStoreConfigurationException("store '" + backend.id() + "' has type '" + backend.type()
                        + "', which no loaded plugin provides (loaded types: " + plugins.typeNames()
                        + "); put its plugin jar into " + server.pluginsDir());
            }
            return new StoreConfig(backend.id(), backend.type(), backend.description(), backend.options(),
                    backend.id().equals(settings.defaultBackend()), backend.dedup());
        }).toList();
        return PluginStoreRegistry.create(plugins, configs, contexts, true);
    }
}

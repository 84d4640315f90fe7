package io.glance.server;

import io.glance.server.config.GlanceOptions;
import io.glance.server.plugins.LoadedStorePlugins;
import io.glance.server.plugins.PluginSelection;
import io.glance.server.plugins.PluginStoreRegistry;
import io.glance.server.plugins.StoreConfig;
import io.glance.server.plugins.StoreContextFactory;
import io.glance.server.plugins.StorePluginLoader;
import io.glance.store.spi.BadStoreConfigurationException;
import io.glance.store.spi.StoreSpi;

import java.util.List;

/**
 * Loads the store plugins and configures the stores glance-api serves: Glance's legacy single-store mode
 * ({@code default_store}, and {@code stores} for more types such as the read-only {@code http}) or its multi-store mode ({@code enabled_backends} with one section per store id).
 */
final class StoreSetup {
    static final String HOST_VERSION = "glance-java/0.1.0";

    private StoreSetup() {
    }

    static LoadedStorePlugins loadPlugins(GlanceOptions options) {
        return new StorePluginLoader(options.pluginsDir(), PluginSelection.fromFiles(options.pluginsDir()),
                StoreSpi.VERSION).load();
    }

    static PluginStoreRegistry configureStores(GlanceOptions options, LoadedStorePlugins plugins) {
        StoreContextFactory contexts =
                StoreContextFactory.workDirectoriesUnder(options.dataDir().resolve("stores"), HOST_VERSION);
        if (!options.multiStore()) {
            // Glance's [glance_store] stores: each type once, its id the type; the default store takes uploads.
            List<StoreConfig> stores = options.stores().stream().map(type -> StoreConfig.singleStore(type,
                    options.storeOptions(), plugins, type.equals(options.defaultStore()))).toList();
            return PluginStoreRegistry.create(plugins, stores, contexts, false);
        }
        List<StoreConfig> stores = options.backends().stream().map(backend -> {
            if (plugins.canonicalType(backend.type()).isEmpty()) {
                throw new BadStoreConfigurationException("store '" + backend.id() + "' has type '" + backend.type()
                        + "', which no loaded plugin provides (loaded types: " + plugins.typeNames()
                        + "); put its plugin jar into " + options.pluginsDir());
            }
            return new StoreConfig(backend.id(), backend.type(), backend.description(), backend.options(),
                    backend.id().equals(options.defaultBackend()));
        }).toList();
        return PluginStoreRegistry.create(plugins, stores, contexts, true);
    }
}

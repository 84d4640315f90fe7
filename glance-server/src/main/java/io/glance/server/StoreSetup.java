package io.glance.server;

import io.glance.server.config.GlanceOptions;
import io.glance.server.plugins.LoadedStorePlugins;
import io.glance.server.plugins.PluginSelection;
import io.glance.server.plugins.PluginStoreRegistry;
import io.glance.server.plugins.StoreConfig;
import io.glance.server.plugins.StoreContextFactory;
import io.glance.server.plugins.StorePluginLoader;
import io.glance.store.spi.StoreSpi;

import java.util.List;

/** Loads the store plugins and configures the stores glance-api serves (legacy single-store mode for now). */
final class StoreSetup {
    static final String HOST_VERSION = "glance-java/0.1.0";

    private StoreSetup() {
    }

    static LoadedStorePlugins loadPlugins(GlanceOptions options) {
        return new StorePluginLoader(options.pluginsDir(), PluginSelection.fromFiles(options.pluginsDir()),
                StoreSpi.VERSION).load();
    }

    static PluginStoreRegistry configureStores(GlanceOptions options, LoadedStorePlugins plugins) {
        StoreConfig store = StoreConfig.singleStore(options.defaultStore(), options.storeOptions(), plugins);
        return PluginStoreRegistry.create(plugins, List.of(store),
                StoreContextFactory.workDirectoriesUnder(options.dataDir().resolve("stores"), HOST_VERSION));
    }
}

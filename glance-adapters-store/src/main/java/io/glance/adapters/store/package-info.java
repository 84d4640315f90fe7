/**
 * Store plugins: loading them, and turning configured stores into the {@link io.glance.ports.out.StoreRegistry}
 * port.
 *
 * <p>The bootstrap calls, in this order, and closes in reverse:
 * <pre>{@code
 * LoadedStorePlugins plugins = new StorePluginLoader(pluginsDir, PluginSelection.all(), StoreSpi.VERSION).load();
 * List<StoreConfig> stores = List.of(StoreConfig.singleStore(defaultStore, topLevelOptions, plugins));
 * PluginStoreRegistry registry = PluginStoreRegistry.create(plugins, stores,
 *         StoreContextFactory.workDirectoriesUnder(dataDir.resolve("stores"), hostVersion, dataDir.resolve("images")));
 * ...
 * registry.close();   // closes the drivers
 * plugins.close();    // then unloads the plugins and their class loaders
 * }</pre>
 *
 * <p>Every failure is loud: {@link io.glance.adapters.store.PluginLoadException} names the plugin or archive, and
 * {@link io.glance.store.spi.BadStoreConfigurationException} names the store and option.
 */
package io.glance.adapters.store;

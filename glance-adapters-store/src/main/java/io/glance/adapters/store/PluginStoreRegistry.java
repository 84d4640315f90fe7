package io.glance.adapters.store;

import io.glance.domain.ImageLocation;
import io.glance.domain.InvalidInputException;
import io.glance.domain.NotFoundException;
import io.glance.ports.out.ConfiguredStore;
import io.glance.ports.out.StoreRegistry;
import io.glance.store.spi.BadStoreConfigurationException;
import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreContext;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoreDriverFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * The configured stores, each a driver from a loaded plugin wrapped in a {@link GuardedStoreDriver}. Built once at
 * startup by {@link #create}; closing it closes the drivers (do so before closing the plugins).
 */
public final class PluginStoreRegistry implements StoreRegistry, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PluginStoreRegistry.class.getName());

    private final List<ConfiguredStore> stores;
    private final Map<String, ConfiguredStore> storesById;
    private final Map<String, ClassLoader> pluginLoaders;
    private final Map<String, List<ConfiguredStore>> storesByScheme;
    private final ConfiguredStore defaultStore;
    private final boolean multiStore;

    private PluginStoreRegistry(List<ConfiguredStore> stores, Map<String, ClassLoader> pluginLoaders,
                                Map<String, List<ConfiguredStore>> storesByScheme, boolean multiStore) {
        this.stores = List.copyOf(stores);
        this.storesById = new LinkedHashMap<>();
        stores.forEach(store -> storesById.put(store.id(), store));
        this.pluginLoaders = Map.copyOf(pluginLoaders);
        this.storesByScheme = Map.copyOf(storesByScheme);
        this.defaultStore = stores.stream().filter(ConfiguredStore::isDefault).findFirst().orElseThrow();
        this.multiStore = multiStore;
    }

    /** {@link #create(LoadedStorePlugins, List, StoreContextFactory, boolean)}, multi-store when several stores. */
    public static PluginStoreRegistry create(LoadedStorePlugins plugins, List<StoreConfig> configs,
                                             StoreContextFactory contexts) {
        return create(plugins, configs, contexts, configs.size() > 1);
    }

    /**
     * Creates a driver for each configured store, in order.
     *
     * @param plugins    where the store types come from
     * @param configs    the stores; ids unique, exactly one default (or a single store, which is then the default)
     * @param contexts   the context each driver is created with
     * @param multiStore whether Glance's multi-store mode ({@code enabled_backends}) is on
     * @throws BadStoreConfigurationException naming the store (and key) when a store cannot be created; drivers
     *                                        created before it are closed
     */
    public static PluginStoreRegistry create(LoadedStorePlugins plugins, List<StoreConfig> configs,
                                             StoreContextFactory contexts, boolean multiStore) {
        requireNonNull(plugins, "plugins is null");
        requireNonNull(contexts, "contexts is null");
        String defaultId = defaultStoreId(List.copyOf(requireNonNull(configs, "configs is null")));
        List<ConfiguredStore> stores = new ArrayList<>();
        Map<String, ClassLoader> pluginLoaders = new LinkedHashMap<>();
        Map<String, List<ConfiguredStore>> storesByScheme = new LinkedHashMap<>();
        try {
            for (StoreConfig config : configs) {
                String type = plugins.canonicalType(config.type()).orElseThrow(() -> new BadStoreConfigurationException(
                        "store '" + config.id() + "': unknown store type '" + config.type() + "'; the loaded plugins "
                                + "provide " + plugins.typeNames()));
                StoreDriverFactory factory = plugins.factories().get(type);
                if (config.id().equals(defaultId) && !factory.capabilities().contains(StoreCapability.WRITE)) {
                    // Refused here rather than on the first upload: a read-only default would fail every upload.
                    throw new BadStoreConfigurationException("store '" + config.id() + "' (type " + type
                            + ") is read-only and cannot be the default store that new image data is written to");
                }
                ConfiguredStore store = createStore(factory, type, config, config.id().equals(defaultId),
                        contexts.contextFor(config.id()));
                stores.add(store);
                pluginLoaders.put(store.id(), factory.getClass().getClassLoader());
                for (String scheme : factory.schemes()) {
                    storesByScheme.computeIfAbsent(scheme.toLowerCase(Locale.ROOT), s -> new ArrayList<>()).add(store);
                }
            }
        } catch (RuntimeException | Error e) {
            closeAll(stores, pluginLoaders);
            throw e;
        }
        return new PluginStoreRegistry(stores, pluginLoaders, storesByScheme, multiStore);
    }

    private static String defaultStoreId(List<StoreConfig> configs) {
        if (configs.isEmpty()) {
            throw new BadStoreConfigurationException("no stores are configured");
        }
        Set<String> ids = new HashSet<>();
        for (StoreConfig config : configs) {
            if (!ids.add(config.id())) {
                throw new BadStoreConfigurationException("store '" + config.id() + "' is configured twice");
            }
        }
        List<String> defaults = configs.stream().filter(StoreConfig::isDefault).map(StoreConfig::id).toList();
        if (defaults.size() > 1) {
            throw new BadStoreConfigurationException("several stores are marked default: " + defaults);
        }
        if (defaults.isEmpty() && configs.size() > 1) {
            throw new BadStoreConfigurationException("no default store among " + configs.stream()
                    .map(StoreConfig::id).toList() + "; name one (default_backend)");
        }
        return defaults.isEmpty() ? configs.get(0).id() : defaults.get(0);
    }

    private static ConfiguredStore createStore(StoreDriverFactory factory, String type, StoreConfig config,
                                               boolean isDefault, StoreContext context) {
        String id = config.id();
        StoreOptions.validate(id, type, config.options(), factory.configKeys());
        if (config.dedup() && !factory.capabilities().contains(StoreCapability.DEDUP)) {
            throw new BadStoreConfigurationException("store '" + id + "' (type " + type + "): dedup: true needs a "
                    + "driver that declares the DEDUP capability, and this one declares only "
                    + factory.capabilities().stream().map(Enum::name).sorted().toList());
        }
        StoreDriver driver = createDriver(factory, type, config, context);
        try {
            if (!id.equals(driver.storeId())) {
                throw new BadStoreConfigurationException("store '" + id + "' (type " + type + "): its driver reports "
                        + "store id '" + driver.storeId() + "'");
            }
            GuardedStoreDriver guarded = new GuardedStoreDriver(driver, factory.capabilities());
            if (config.dedup()) {
                requireLocationOf(id, type, guarded);
            }
            return new ConfiguredStore(id, type, config.description(), isDefault, factory.capabilities(),
                    StoreOptions.shown(config.options(), guarded.describe(), factory.configKeys()), guarded,
                    config.dedup());
        } catch (RuntimeException | Error e) {
            closeQuietly(driver, factory.getClass().getClassLoader(), e);
            throw e;
        }
    }

    /**
     * A driver built against SPI 1.5 or 1.6 may declare DEDUP without {@code locationOf} (SPI 1.7), which the host
     * needs to journal an object before writing it.
     */
    private static void requireLocationOf(String id, String type, StoreDriver driver) {
        try {
            driver.locationOf(java.util.UUID.randomUUID().toString());
        } catch (io.glance.store.spi.UnsupportedCapabilityException e) {
            throw new BadStoreConfigurationException("store '" + id + "' (type " + type + "): dedup: true needs a "
                    + "driver that implements StoreDriver.locationOf (store SPI 1.7); this one was built for an "
                    + "earlier SPI");
        }
    }

    /** Options are passed as configured: the SPI lets drivers apply their own defaults. */
    private static StoreDriver createDriver(StoreDriverFactory factory, String type, StoreConfig config,
                                            StoreContext context) {
        StoreDriver driver;
        try {
            driver = ContextClassLoader.call(factory.getClass().getClassLoader(),
                    () -> factory.create(config.id(), config.options(), context));
        } catch (RuntimeException | LinkageError e) {
            throw new BadStoreConfigurationException("store '" + config.id() + "' (type " + type + "): "
                    + StorePluginManager.messageOf(e), e);
        }
        if (driver == null) {
            throw new BadStoreConfigurationException("store '" + config.id() + "' (type " + type + "): "
                    + factory.getClass().getName() + ".create returned no driver");
        }
        return driver;
    }

    @Override
    public ConfiguredStore defaultStore() {
        return defaultStore;
    }

    @Override
    public ConfiguredStore store(String storeId) {
        ConfiguredStore store = storesById.get(requireNonNull(storeId, "storeId is null"));
        if (store == null) {
            throw new InvalidInputException("unknown store '" + storeId + "'; configured stores are "
                    + storesById.keySet());
        }
        return store;
    }

    /**
     * The store recorded in the location's metadata, else the store whose driver handles the URI scheme; when
     * several do (two filesystem stores), the default store if it is one of them, else the first configured.
     */
    @Override
    public ConfiguredStore storeFor(ImageLocation location) throws NotFoundException {
        requireNonNull(location, "location is null");
        String storeId = location.storeId();
        if (storeId != null) {
            ConfiguredStore store = storesById.get(storeId);
            if (store == null) {
                throw new NotFoundException("the image data at " + location.url() + " is in store '" + storeId
                        + "', which is not configured");
            }
            return store;
        }
        List<ConfiguredStore> candidates = storesByScheme.getOrDefault(scheme(location), List.of());
        if (candidates.isEmpty()) {
            throw new NotFoundException("no configured store holds locations like " + location.url());
        }
        return candidates.contains(defaultStore) ? defaultStore : candidates.get(0);
    }

    private static String scheme(ImageLocation location) {
        try {
            String scheme = new URI(location.url()).getScheme();
            return scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            throw new NotFoundException("the image location '" + location.url() + "' is not a valid URI", e);
        }
    }

    @Override
    public List<ConfiguredStore> stores() {
        return stores;
    }

    @Override
    public boolean multiStore() {
        return multiStore;
    }

    /** Closes every driver, last created first; a failing driver does not keep the others open. */
    @Override
    public void close() {
        closeAll(stores, pluginLoaders);
    }

    private static void closeAll(List<ConfiguredStore> stores, Map<String, ClassLoader> pluginLoaders) {
        List<ConfiguredStore> reversed = new ArrayList<>(stores);
        Collections.reverse(reversed);
        for (ConfiguredStore store : reversed) {
            closeQuietly(store.driver(), pluginLoaders.get(store.id()), null);
        }
    }

    private static void closeQuietly(StoreDriver driver, ClassLoader pluginLoader, Throwable failure) {
        try {
            ContextClassLoader.run(pluginLoader, driver::close);
        } catch (RuntimeException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            } else {
                // Shutting down: report it and go on closing the other stores.
                LOG.warning("Closing the driver of store '" + driver.storeId() + "' failed: " + e);
            }
        }
    }
}

package io.glance.adapters.store;

import io.glance.store.spi.StoreDriverFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The store plugins a {@link StorePluginLoader} loaded: their factories by store type, and their descriptions.
 * {@link #close()} unloads the plugins and closes their class loaders, so close every driver created from these
 * factories first (a {@link PluginStoreRegistry} does that in its own {@code close()}).
 */
public final class LoadedStorePlugins implements AutoCloseable {
    private final List<StorePluginDescription> plugins;
    private final Map<String, StoreDriverFactory> factoriesByType;
    private final Map<String, String> typesByName;
    private final Runnable unload;
    private boolean closed;

    LoadedStorePlugins(List<StorePluginDescription> plugins, Map<String, StoreDriverFactory> factoriesByType,
                       Map<String, String> typesByName, Runnable unload) {
        this.plugins = List.copyOf(plugins);
        this.factoriesByType = requireNonNull(factoriesByType, "factoriesByType is null");
        this.typesByName = requireNonNull(typesByName, "typesByName is null");
        this.unload = requireNonNull(unload, "unload is null");
    }

    /** Every factory, by canonical store type (e.g. {@code file}; aliases are not keys here). */
    public Map<String, StoreDriverFactory> factories() {
        return factoriesByType;
    }

    /** The factory for a store type or one of its aliases (e.g. {@code filesystem} for {@code file}). */
    public Optional<StoreDriverFactory> factory(String typeOrAlias) {
        return canonicalType(typeOrAlias).map(factoriesByType::get);
    }

    /** The canonical store type that {@code typeOrAlias} names. */
    public Optional<String> canonicalType(String typeOrAlias) {
        return Optional.ofNullable(typesByName.get(requireNonNull(typeOrAlias, "typeOrAlias is null")));
    }

    /** Every type name operators may use, aliases included, e.g. for "unknown store type" messages. */
    public List<String> typeNames() {
        return List.copyOf(typesByName.keySet());
    }

    public List<StorePluginDescription> plugins() {
        return plugins;
    }

    /** One line for the startup log, e.g. {@code glance-store-filesystem 0.1.0 [file]}. */
    public String describe() {
        if (plugins.isEmpty()) {
            return "none";
        }
        return plugins.stream()
                .map(plugin -> plugin.id() + " " + plugin.version() + " "
                        + plugin.storeTypes().stream().map(StoreTypeDescription::type).toList())
                .collect(Collectors.joining(", "));
    }

    /** Unloads the plugins; idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            unload.run();
        }
    }
}

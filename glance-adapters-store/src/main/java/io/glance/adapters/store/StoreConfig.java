package io.glance.adapters.store;

import io.glance.store.spi.BadStoreConfigurationException;
import io.glance.store.spi.ConfigKey;
import io.glance.store.spi.StoreDriverFactory;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * One store as the operator configured it: Glance's {@code enabled_backends = fast:file} entry with its section, or
 * the single {@code file} store of the legacy {@code default_store} mode.
 *
 * @param id          the store id, e.g. {@code fast}; also names the store's work directory
 * @param type        the store type or an alias, e.g. {@code file} or {@code filesystem}
 * @param description the operator's {@code store_description}, or {@code null}
 * @param options     the driver options of the store, e.g. {@code filesystem_store_datadir}
 * @param isDefault   whether new images go here when the client names no store
 * @param dedup       whether the store keeps one object per content ({@code dedup: true}); its driver must declare
 *                    {@link io.glance.store.spi.StoreCapability#DEDUP}
 */
public record StoreConfig(String id, String type, String description, Map<String, String> options,
                          boolean isDefault, boolean dedup) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}");

    public StoreConfig {
        requireNonNull(id, "id is null");
        requireNonNull(type, "type is null");
        options = Map.copyOf(requireNonNull(options, "options is null"));
        if (!ID.matcher(id).matches()) {
            throw new BadStoreConfigurationException("store id '" + id + "' is not usable: use letters, digits, "
                    + "'_', '.' and '-', not starting with '.' or '-'");
        }
    }

    /** A store that keeps every upload as its own object. */
    public StoreConfig(String id, String type, String description, Map<String, String> options, boolean isDefault) {
        this(id, type, description, options, isDefault, false);
    }

    /** The one, default, store of Glance's legacy single-store mode ({@code default_store = file}). */
    public static StoreConfig singleStore(String typeOrAlias, Map<String, String> sharedOptions,
                                          LoadedStorePlugins plugins) {
        return singleStore(typeOrAlias, sharedOptions, plugins, true);
    }

    /**
     * A store of Glance's legacy single-store mode ({@code default_store = file}, {@code stores = file,http}): its
     * id is the canonical type, and its options are picked from the shared option set (the old
     * {@code [glance_store]} section, where every driver's options live side by side) by the keys its driver
     * declares.
     *
     * @throws BadStoreConfigurationException when no loaded plugin provides {@code typeOrAlias}
     */
    public static StoreConfig singleStore(String typeOrAlias, Map<String, String> sharedOptions,
                                          LoadedStorePlugins plugins, boolean isDefault) {
        requireNonNull(typeOrAlias, "typeOrAlias is null");
        requireNonNull(sharedOptions, "sharedOptions is null");
        String type = plugins.canonicalType(typeOrAlias).orElseThrow(() -> new BadStoreConfigurationException(
                (isDefault ? "default_store '" : "stores entry '") + typeOrAlias
                        + "' is not a store type the loaded plugins provide: "
                        + plugins.typeNames()));
        StoreDriverFactory factory = plugins.factories().get(type);
        Set<String> keys = factory.configKeys().stream().map(ConfigKey::name).collect(Collectors.toSet());
        Map<String, String> options = sharedOptions.entrySet().stream()
                .filter(option -> keys.contains(option.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return new StoreConfig(type, type, null, options, isDefault);
    }
}

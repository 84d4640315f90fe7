package io.glance.server.config;

import io.glance.config.ConfigurationException;
import io.glance.config.Option;
import io.glance.config.OptionValues;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which stores glance-api serves: Glance's single-store mode ({@code default_store}, {@code stores}, each driver's
 * options at the top level) or its multi-store mode ({@code enabled_backends}, {@code default_backend}, one section
 * per store id). Which driver options exist is the plugins' business: the host passes them on unread.
 *
 * @param defaultStore    the store type new data goes to in single-store mode ({@code filesystem} is read as
 *                        {@code file})
 * @param stores          the store types of single-store mode, in order; holds {@code defaultStore}
 * @param backends        the stores of multi-store mode, in order; empty otherwise
 * @param defaultBackend  the id of the default store in multi-store mode, or {@code null}
 * @param topLevelOptions every top-level option, from which each single-store driver takes the keys it declares
 */
public record StoreSettings(String defaultStore, List<String> stores, List<Backend> backends, String defaultBackend,
                            Map<String, String> topLevelOptions) {

    public static final Option<String> DEFAULT_STORE = Option.of("default_store", "file", "file",
            "store for new data (`filesystem` is accepted as an alias)", StoreSettings::normalizeStore);
    public static final Option<String> STORES = Option.text("stores", null, "the default store",
            "Glance's `[glance_store] stores`: the store types of single-store mode, e.g. `file,http` (each store's "
                    + "options then go at the top level)");
    public static final Option<Map<String, String>> ENABLED_BACKENDS = Option.of("enabled_backends", Map.of(),
            "none", "multi-store mode: `id:type` pairs, e.g. `fast:file, web:http`, each with a section of its "
                    + "own", StoreSettings::parseBackends);
    public static final Option<String> DEFAULT_BACKEND = Option.text("default_backend", null,
            "the only backend", "multi-store mode: the id of the store new data goes to");
    /** The options these settings are read from. */
    public static final List<Option<?>> OPTIONS = List.of(DEFAULT_STORE, STORES, ENABLED_BACKENDS, DEFAULT_BACKEND);
    /** In a store's own section: shown in /v2/info/stores; not passed to the driver. */
    public static final String STORE_DESCRIPTION = "store_description";
    /**
     * In a store's own section: {@code true} keeps one object for all images with the same bytes (content-addressed
     * storage; the driver must declare the DEDUP capability); not passed to the driver.
     */
    public static final String DEDUP = "dedup";

    public StoreSettings {
        Objects.requireNonNull(defaultStore, "defaultStore is null");
        stores = List.copyOf(stores);
        backends = List.copyOf(backends);
        topLevelOptions = Map.copyOf(topLevelOptions);
    }

    /** @throws ConfigurationException naming the option and value that do not fit together */
    public static StoreSettings from(OptionValues values) {
        Map<String, String> types = values.get(ENABLED_BACKENDS);
        String defaultStore = values.get(DEFAULT_STORE);
        Map<String, String> topLevel = new LinkedHashMap<>();
        values.asMap().forEach((key, value) -> {
            if (key.indexOf('.') < 0) {
                topLevel.put(key, value);
            }
        });
        return new StoreSettings(defaultStore,
                singleModeStores(values.get(STORES), defaultStore, !types.isEmpty()),
                backends(values, types), defaultBackend(values.get(DEFAULT_BACKEND), types), topLevel);
    }

    /** Whether several stores are configured with {@code enabled_backends}. */
    public boolean multiStore() {
        return !backends.isEmpty();
    }

    /**
     * One store of {@code enabled_backends} with the options of its own section.
     *
     * @param id          the store id, e.g. {@code fast}
     * @param type        the store type, e.g. {@code file}
     * @param description the section's {@code store_description}, or {@code null}
     * @param options     the section's other options, for the driver
     * @param dedup       the section's {@code dedup}: keep one object per content
     */
    public record Backend(String id, String type, String description, Map<String, String> options, boolean dedup) {
        public Backend {
            Objects.requireNonNull(id, "id is null");
            Objects.requireNonNull(type, "type is null");
            options = Map.copyOf(options);
        }

        public Backend(String id, String type, String description, Map<String, String> options) {
            this(id, type, description, options, false);
        }
    }

    /** {@code "fast:file, dedup:cas"} to ids and types, in order. */
    static Map<String, String> parseBackends(String value) {
        Map<String, String> backends = new LinkedHashMap<>();
        if (value.isBlank()) {
            return backends;
        }
        for (String entry : value.split(",")) {
            String[] idAndType = entry.trim().split(":", -1);
            if (idAndType.length != 2 || idAndType[0].isBlank() || idAndType[1].isBlank()) {
                throw new ConfigurationException("Invalid enabled_backends entry '" + entry.trim()
                        + "' (expected id:type, e.g. fast:file)");
            }
            String id = idAndType[0].trim();
            if (backends.put(id, normalizeStore(idAndType[1])) != null) {
                throw new ConfigurationException("enabled_backends names store '" + id + "' twice");
            }
        }
        return backends;
    }

    private static List<Backend> backends(OptionValues values, Map<String, String> types) {
        List<Backend> backends = new ArrayList<>();
        types.forEach((id, type) -> {
            Map<String, String> section = new LinkedHashMap<>(values.section(id).asMap());
            String description = section.remove(STORE_DESCRIPTION);
            backends.add(new Backend(id, type, description, section, dedup(id, section.remove(DEDUP))));
        });
        return backends;
    }

    private static boolean dedup(String storeId, String value) {
        if (value == null) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException("Invalid " + DEDUP + " '" + value + "' in the section of store '"
                    + storeId + "' (expected true or false)");
        };
    }

    /**
     * Glance's {@code [glance_store] stores}: {@code "file, http"} to store types, in order; the default store alone
     * when unset. The default store must be listed, as in Glance, and the option belongs to single-store mode.
     */
    static List<String> singleModeStores(String value, String defaultStore, boolean multiStore) {
        if (value == null || value.isBlank()) {
            return List.of(defaultStore);
        }
        if (multiStore) {
            throw new ConfigurationException("stores '" + value + "' is for single-store mode; with "
                    + "enabled_backends, list every store there (e.g. fast:file, web:http)");
        }
        List<String> stores = new ArrayList<>();
        for (String entry : value.split(",")) {
            String type = normalizeStore(entry);
            if (type.isEmpty()) {
                throw new ConfigurationException("Invalid stores '" + value + "': empty entry");
            }
            if (stores.contains(type)) {
                throw new ConfigurationException("stores '" + value + "' names '" + type + "' twice");
            }
            stores.add(type);
        }
        if (!stores.contains(defaultStore)) {
            throw new ConfigurationException("default_store '" + defaultStore + "' is not one of stores " + stores);
        }
        return stores;
    }

    private static String defaultBackend(String value, Map<String, String> backendTypes) {
        if (backendTypes.isEmpty()) {
            if (value != null) {
                throw new ConfigurationException("default_backend '" + value + "' needs enabled_backends");
            }
            return null;
        }
        if (value == null) {
            if (backendTypes.size() == 1) {
                return backendTypes.keySet().iterator().next();
            }
            throw new ConfigurationException("default_backend is required with several enabled_backends "
                    + backendTypes.keySet());
        }
        if (!backendTypes.containsKey(value.trim())) {
            throw new ConfigurationException("default_backend '" + value + "' is not one of enabled_backends "
                    + backendTypes.keySet());
        }
        return value.trim();
    }

    /** {@code filesystem} was the original name of the file store; Glance later called it {@code file}. */
    static String normalizeStore(String store) {
        String value = store.trim().toLowerCase(Locale.ROOT);
        return value.equals("filesystem") ? "file" : value;
    }
}

package io.glance.adapters.store;

import io.glance.store.spi.BadStoreConfigurationException;
import io.glance.store.spi.ConfigKey;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A store's options checked against the keys its driver declares, and what may be shown of them: the effective
 * values (defaults filled in) and the driver's own description, with secrets masked, for the startup log and
 * {@code /v2/info/stores/detail}.
 */
final class StoreOptions {
    static final String MASK = "****";

    private StoreOptions() {
    }

    /** @throws BadStoreConfigurationException naming the store and key for an unknown or missing required option */
    static void validate(String storeId, String type, Map<String, String> options, List<ConfigKey> keys) {
        Set<String> known = keys.stream().map(ConfigKey::name).collect(Collectors.toSet());
        for (String key : new TreeMap<>(options).keySet()) {
            if (!known.contains(key)) {
                throw new BadStoreConfigurationException("store '" + storeId + "' (type " + type
                        + "): unknown option '" + key + "'; accepted options are " + known.stream().sorted().toList());
            }
        }
        for (ConfigKey key : keys) {
            String value = options.get(key.name());
            if (key.required() && (value == null || value.isBlank())) {
                throw new BadStoreConfigurationException("store '" + storeId + "' (type " + type
                        + "): missing required option '" + key.name() + "' (" + key.description() + ")");
            }
        }
    }

    /** The options as the driver will apply them: given values, else declared defaults; secrets masked. */
    static Map<String, String> shown(Map<String, String> options, Map<String, String> described, List<ConfigKey> keys) {
        Set<String> secrets = keys.stream().filter(ConfigKey::secret).map(ConfigKey::name).collect(Collectors.toSet());
        Map<String, String> shown = new TreeMap<>();
        for (ConfigKey key : keys) {
            String value = options.getOrDefault(key.name(), key.defaultValue());
            if (value != null) {
                shown.put(key.name(), value);
            }
        }
        shown.putAll(described);
        shown.replaceAll((name, value) -> secrets.contains(name) ? MASK : value);
        return shown;
    }
}

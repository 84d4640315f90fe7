package io.glance.adapters.store;

import io.glance.store.spi.StoreDriverFactory;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which plugin provides which store type names (types and aliases) and location schemes. A name or scheme claimed
 * twice is refused: configuration could not say which store type it means, and {@code storeFor(location)} could
 * not tell whose locations it holds.
 */
final class StoreTypeClaims {
    private final Map<String, StoreDriverFactory> factoriesByType = new TreeMap<>();
    private final Map<String, String> typesByName = new TreeMap<>();
    private final Map<String, String> owners = new LinkedHashMap<>();

    /** @throws PluginLoadException naming both plugins when {@code type} clashes with an earlier claim */
    void claim(String pluginId, Path archive, StoreTypeDescription type, StoreDriverFactory factory) {
        String owner = "plugin '" + pluginId + "' (" + type.factoryClass() + ")";
        for (String name : type.names()) {
            String earlier = owners.get("name:" + name);
            if (earlier != null) {
                throw PluginLoadException.forPlugin(pluginId, archive, "store type name '" + name
                        + "' is already provided by " + earlier, null);
            }
        }
        for (String scheme : type.schemes()) {
            String earlier = owners.get("scheme:" + scheme);
            if (earlier != null) {
                throw PluginLoadException.forPlugin(pluginId, archive, "location scheme '" + scheme
                        + "' is already handled by " + earlier, null);
            }
        }
        type.names().forEach(name -> {
            owners.put("name:" + name, owner);
            typesByName.put(name, type.type());
        });
        type.schemes().forEach(scheme -> owners.put("scheme:" + scheme, owner));
        factoriesByType.put(type.type(), factory);
    }

    Map<String, StoreDriverFactory> factoriesByType() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(factoriesByType));
    }

    Map<String, String> typesByName() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(typesByName));
    }
}

package io.glance.server.plugins;

import io.glance.store.spi.BadStoreConfigurationException;

import java.util.Map;
import java.util.regex.Pattern;

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
 */
public record StoreConfig(String id, String type, String description, Map<String, String> options,
                          boolean isDefault) {

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
}

package com.example.glance.cas;

import io.glance.store.spi.BadStoreConfigurationException;
import io.glance.store.spi.ConfigKey;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The options of one {@code cas} store, parsed and checked. The host already refuses undeclared keys and missing
 * required ones, but the factory checks again: it is public API, and tests and other hosts call it directly.
 *
 * @param root the store's directory (absolute, normalized)
 */
record CasStoreConfig(Path root) {

    static final String ROOT = "cas_store_root";

    static final List<ConfigKey> KEYS = List.of(
            ConfigKey.required(ROOT, "Directory holding the blobs, the image index and uploads in progress; "
                    + "created when missing. One store per directory."));

    CasStoreConfig {
        requireNonNull(root, "root is null");
    }

    static CasStoreConfig parse(String storeId, Map<String, String> options) {
        for (String key : options.keySet()) {
            if (!ROOT.equals(key)) {
                throw new BadStoreConfigurationException("cas store '" + storeId + "': unknown option '" + key
                        + "'; accepted options are [" + ROOT + "]");
            }
        }
        String value = options.get(ROOT);
        if (value == null || value.isBlank()) {
            throw new BadStoreConfigurationException("cas store '" + storeId + "': option '" + ROOT
                    + "' is required");
        }
        try {
            return new CasStoreConfig(Path.of(value.strip()).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            throw new BadStoreConfigurationException("cas store '" + storeId + "': option '" + ROOT
                    + "' is not a valid path: '" + value + "'", e);
        }
    }
}

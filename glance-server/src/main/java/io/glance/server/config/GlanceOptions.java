package io.glance.server.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The options of glance-api, with the original Glance names (see {@link OptionNames}), resolved and typed.
 *
 * @param verbose                show debug output
 * @param apiHost                address to listen on (default 0.0.0.0)
 * @param apiPort                port to listen on (default 9292)
 * @param defaultStore           the store type new data goes to ({@code file}; {@code filesystem} is an alias)
 * @param dataDir                where the embedded database and, by default, the images live
 * @param filesystemStoreDatadir where the filesystem store writes images
 * @param pluginsDir             where store plugin jars are loaded from
 * @param imageSizeCap           the largest image accepted, in bytes (413 above it)
 * @param sqlConnection          a JDBC or Glance-style database URL, or {@code null} for the embedded H2 database
 * @param storeOptions           every option given, for store drivers to pick their own keys from
 */
public record GlanceOptions(boolean verbose, String apiHost, int apiPort, String defaultStore, Path dataDir,
                            Path filesystemStoreDatadir, Path pluginsDir, long imageSizeCap, String sqlConnection,
                            Map<String, String> storeOptions) {

    public GlanceOptions {
        Objects.requireNonNull(apiHost, "apiHost is null");
        Objects.requireNonNull(defaultStore, "defaultStore is null");
        Objects.requireNonNull(dataDir, "dataDir is null");
        Objects.requireNonNull(filesystemStoreDatadir, "filesystemStoreDatadir is null");
        Objects.requireNonNull(pluginsDir, "pluginsDir is null");
        storeOptions = Map.copyOf(storeOptions);
    }
}

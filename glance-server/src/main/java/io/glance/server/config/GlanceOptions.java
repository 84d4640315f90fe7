package io.glance.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * @param storeOptions           the top-level store options (single-store mode), for the driver to pick its keys from
 * @param backends               the stores of multi-store mode ({@code enabled_backends}), in order; empty otherwise
 * @param defaultBackend         the id of the default store in multi-store mode, or {@code null}
 * @param sqlConnectionTimeout   how long a request waits for a database connection before failing with 503
 * @param sqlMaxPoolSize         the most database connections open at once
 * @param uploadRecoveryGrace    how old an image in {@code saving} that another node left must be before it is reset
 * @param showMultipleLocations  images show {@code locations} and PATCH may add and remove them
 * @param showImageDirectUrl     images show their first location as {@code direct_url}
 * @param registryHost           where glance-registry listens (and glance-api finds it)
 * @param registryPort           glance-registry's port
 * @param remoteRegistry         glance-api keeps metadata in glance-registry instead of its own database connection
 * @param stores                 the store types of single-store mode ({@code stores}), in order; holds
 *                               {@code defaultStore}
 */
public record GlanceOptions(boolean verbose, String apiHost, int apiPort, String defaultStore, Path dataDir,
                            Path filesystemStoreDatadir, Path pluginsDir, long imageSizeCap, String sqlConnection,
                            Map<String, String> storeOptions, List<Backend> backends, String defaultBackend,
                            Duration sqlConnectionTimeout, int sqlMaxPoolSize, Duration uploadRecoveryGrace,
                            boolean showMultipleLocations, boolean showImageDirectUrl, String registryHost,
                            int registryPort, boolean remoteRegistry, List<String> stores) {

    public GlanceOptions {
        Objects.requireNonNull(apiHost, "apiHost is null");
        Objects.requireNonNull(defaultStore, "defaultStore is null");
        Objects.requireNonNull(dataDir, "dataDir is null");
        Objects.requireNonNull(filesystemStoreDatadir, "filesystemStoreDatadir is null");
        Objects.requireNonNull(pluginsDir, "pluginsDir is null");
        storeOptions = Map.copyOf(storeOptions);
        backends = List.copyOf(backends);
        Objects.requireNonNull(sqlConnectionTimeout, "sqlConnectionTimeout is null");
        Objects.requireNonNull(uploadRecoveryGrace, "uploadRecoveryGrace is null");
        Objects.requireNonNull(registryHost, "registryHost is null");
        stores = List.copyOf(stores);
    }

    /** The registry's URL for glance-api: a wildcard listen address means this host. */
    public java.net.URI registryUrl() {
        String host = registryHost.equals("0.0.0.0") || registryHost.equals("::") ? "127.0.0.1" : registryHost;
        return java.net.URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + registryPort
                + "/");
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
     */
    public record Backend(String id, String type, String description, Map<String, String> options) {
        public Backend {
            Objects.requireNonNull(id, "id is null");
            Objects.requireNonNull(type, "type is null");
            options = Map.copyOf(options);
        }
    }
}

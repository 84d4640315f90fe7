package io.glance.server.config;

import java.util.Set;

/** The option names glance-api understands: the original Glance names, so existing configs and habits carry over. */
public final class OptionNames {
    public static final String CONFIG_FILE = "config_file";
    public static final String VERBOSE = "verbose";
    public static final String API_HOST = "api_host";
    public static final String API_PORT = "api_port";
    public static final String DEFAULT_STORE = "default_store";
    public static final String DATA_DIR = "data_dir";
    public static final String FILESYSTEM_STORE_DATADIR = "filesystem_store_datadir";
    public static final String PLUGINS_DIR = "plugins_dir";
    public static final String IMAGE_SIZE_CAP = "image_size_cap";
    public static final String SQL_CONNECTION = "sql_connection";
    /** Seconds a request waits for a database connection before it fails with 503 (fractions allowed, min 0.25). */
    public static final String SQL_CONNECTION_TIMEOUT = "sql_connection_timeout";
    /** The most database connections one glance-api opens. */
    public static final String SQL_MAX_POOL_SIZE = "sql_max_pool_size";
    /**
     * Seconds after which an image left in {@code saving} by another (crashed) node counts as interrupted and is reset
     * to {@code queued} at start; must exceed the longest upload when several nodes share the database.
     */
    public static final String UPLOAD_RECOVERY_GRACE_PERIOD = "upload_recovery_grace_period";
    /** Glance's multi-store mode: {@code id:type} pairs, e.g. {@code fast:file, dedup:cas}. */
    public static final String ENABLED_BACKENDS = "enabled_backends";
    public static final String DEFAULT_BACKEND = "default_backend";
    /** Images show {@code locations}, and PATCH may add and remove them (the way to register HTTP store data). */
    public static final String SHOW_MULTIPLE_LOCATIONS = "show_multiple_locations";
    /** Images show their first location as {@code direct_url}. */
    public static final String SHOW_IMAGE_DIRECT_URL = "show_image_direct_url";
    /** Where glance-registry listens, and where glance-api finds it with {@code data_api: registry}. */
    public static final String REGISTRY_HOST = "registry_host";
    public static final String REGISTRY_PORT = "registry_port";
    /** Where glance-api keeps metadata: {@code database} (its own connection, the default) or {@code registry}. */
    public static final String DATA_API = "data_api";
    /**
     * Glance's {@code [glance_store] stores}: the store types of single-store mode, e.g. {@code file,http}; the
     * default store must be one of them. Each store's id is its type.
     */
    public static final String STORES = "stores";
    /** In a store's own section: shown in /v2/info/stores. */
    public static final String STORE_DESCRIPTION = "store_description";

    /** Options of the filesystem store, passed through to its driver. */
    public static final Set<String> FILESYSTEM_STORE_OPTIONS =
            Set.of(FILESYSTEM_STORE_DATADIR, "filesystem_store_file_perm", "filesystem_store_chunk_size");

    /**
     * Options of the HTTP store, passed through to its driver in single-store mode (the names its driver declares;
     * the server cannot see plugin classes).
     */
    public static final Set<String> HTTP_STORE_OPTIONS = Set.of("http_store_allowed_schemes",
            "http_store_allowed_hosts", "http_store_denied_hosts", "http_store_allowed_ports",
            "http_store_max_redirects", "http_store_timeout_seconds");

    public static final Set<String> ALL = union(HTTP_STORE_OPTIONS, Set.of(CONFIG_FILE, VERBOSE, API_HOST, API_PORT, DEFAULT_STORE, DATA_DIR,
            FILESYSTEM_STORE_DATADIR, PLUGINS_DIR, IMAGE_SIZE_CAP, SQL_CONNECTION, SQL_CONNECTION_TIMEOUT,
            SQL_MAX_POOL_SIZE, UPLOAD_RECOVERY_GRACE_PERIOD, ENABLED_BACKENDS, DEFAULT_BACKEND,
            SHOW_MULTIPLE_LOCATIONS, SHOW_IMAGE_DIRECT_URL, REGISTRY_HOST, REGISTRY_PORT, DATA_API,
            STORES, "filesystem_store_file_perm", "filesystem_store_chunk_size"));

    private OptionNames() {
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        java.util.Set<String> all = new java.util.HashSet<>(first);
        all.addAll(second);
        return Set.copyOf(all);
    }
}

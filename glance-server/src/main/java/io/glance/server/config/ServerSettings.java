package io.glance.server.config;

import io.glance.config.Option;
import io.glance.config.OptionValues;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where glance-api and glance-registry listen, where they keep their files, and where glance-api keeps metadata.
 *
 * @param verbose        show debug output
 * @param apiHost        address glance-api listens on
 * @param apiPort        port glance-api listens on (0: any free port)
 * @param dataDir        the embedded database, the default image directory, the upload journal
 * @param pluginsDir     where store plugin jars are loaded from
 * @param registryHost   where glance-registry listens (and glance-api finds it)
 * @param registryPort   glance-registry's port
 * @param remoteRegistry glance-api keeps metadata in glance-registry instead of its own database connection
 */
public record ServerSettings(boolean verbose, String apiHost, int apiPort, Path dataDir, Path pluginsDir,
                             String registryHost, int registryPort, boolean remoteRegistry) {

    public static final Option<Boolean> VERBOSE = Option.bool("verbose", false, "debug output");
    public static final Option<String> API_HOST = Option.text("api_host", "0.0.0.0", "0.0.0.0",
            "address to listen on");
    public static final Option<Integer> API_PORT = Option.port("api_port", 9292, "port to listen on");
    public static final Option<Path> DATA_DIR = Option.path("data_dir",
            Path.of(System.getProperty("user.home"), ".glance"), "`~/.glance`",
            "embedded database (`db/`), by default the filesystem store's images (`images/`), upload journal");
    public static final Option<Path> PLUGINS_DIR = Option.path("plugins_dir", Path.of("plugins"),
            "`plugins-dist/target/plugins` (via `bin/glance-api`)", "store plugin jars loaded at start");
    public static final Option<String> DATA_API = Option.choice("data_api", "database",
            Set.of("database", "registry"),
            "where glance-api keeps metadata: `database` (its own connection) or `registry` (glance-registry)");
    public static final Option<String> REGISTRY_HOST = Option.text("registry_host", "0.0.0.0", "0.0.0.0",
            "glance-registry's listen address; glance-api connects to it (0.0.0.0 means this host)");
    public static final Option<Integer> REGISTRY_PORT = Option.port("registry_port", 9191,
            "glance-registry's port");
    /** The options these settings are read from. */
    public static final List<Option<?>> OPTIONS = List.of(VERBOSE, API_HOST, API_PORT, DATA_DIR, PLUGINS_DIR,
            DATA_API, REGISTRY_HOST, REGISTRY_PORT);

    public ServerSettings {
        Objects.requireNonNull(apiHost, "apiHost is null");
        Objects.requireNonNull(dataDir, "dataDir is null");
        Objects.requireNonNull(pluginsDir, "pluginsDir is null");
        Objects.requireNonNull(registryHost, "registryHost is null");
    }

    public static ServerSettings from(OptionValues values) {
        return new ServerSettings(values.get(VERBOSE), values.get(API_HOST), values.get(API_PORT),
                values.get(DATA_DIR), values.get(PLUGINS_DIR), values.get(REGISTRY_HOST), values.get(REGISTRY_PORT),
                values.get(DATA_API).equals("registry"));
    }

    /** The registry's URL for glance-api: a wildcard listen address means this host. */
    public URI registryUrl() {
        String host = registryHost.equals("0.0.0.0") || registryHost.equals("::") ? "127.0.0.1" : registryHost;
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + registryPort + "/");
    }
}

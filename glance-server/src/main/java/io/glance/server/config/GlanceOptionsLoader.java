package io.glance.server.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads glance-api's options from, in order of precedence: command-line flags ({@code --api_port 9393},
 * {@code --api-port=9393}, {@code --verbose}), the environment ({@code GLANCE_API_PORT=9393}) and a YAML file
 * ({@code --config-file glance-api.yaml} or {@code GLANCE_CONFIG_FILE}, flat keys such as {@code api_port: 9393}).
 * Unknown options are an error, so that a typo does not silently leave a default in force.
 */
public final class GlanceOptionsLoader {
    static final String ENV_PREFIX = "GLANCE_";
    private static final long DEFAULT_IMAGE_SIZE_CAP = 1L << 40; // Glance's default: 1 TiB
    private static final Duration DEFAULT_SQL_CONNECTION_TIMEOUT = Duration.ofSeconds(30);
    /** HikariCP refuses shorter connection timeouts. */
    private static final Duration MIN_SQL_CONNECTION_TIMEOUT = Duration.ofMillis(250);
    private static final int DEFAULT_SQL_MAX_POOL_SIZE = 10;
    /** A day: longer than any upload is expected to take, so that a running upload on another node is never reset. */
    private static final Duration DEFAULT_UPLOAD_RECOVERY_GRACE = Duration.ofDays(1);

    private GlanceOptionsLoader() {
    }

    public static GlanceOptions load(String[] args, Map<String, String> environment) {
        Map<String, String> flags = parseFlags(args);
        Map<String, String> env = fromEnvironment(environment);
        String configFile = flags.getOrDefault(OptionNames.CONFIG_FILE, env.get(OptionNames.CONFIG_FILE));

        Config.Builder builder = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(flags))
                .addSource(ConfigSources.create(env));
        if (configFile != null) {
            Path file = Path.of(configFile);
            if (!Files.isReadable(file)) {
                throw new ConfigurationException("config_file " + configFile + " does not exist or is not readable");
            }
            builder.addSource(ConfigSources.file(file));
        }
        Config config = builder.build();
        Map<String, String> values = new LinkedHashMap<>();
        config.asMap().orElse(Map.of()).forEach((key, value) -> values.put(key, value));
        Map<String, String> backendTypes = parseBackends(values.get(OptionNames.ENABLED_BACKENDS));
        for (String key : values.keySet()) {
            int dot = key.indexOf('.');
            if (dot > 0 && backendTypes.containsKey(key.substring(0, dot))) {
                continue; // an option in a store's own section; its driver checks the key
            }
            if (!OptionNames.ALL.contains(key)) {
                throw new ConfigurationException("Unknown option '" + key + "'" + (configFile == null ? "" : " (in "
                        + configFile + " or the command line)") + "; known options: " + OptionNames.ALL);
            }
        }
        return resolve(values, backendTypes);
    }

    /** {@code "fast:file, dedup:cas"} to ids and types, in order. */
    static Map<String, String> parseBackends(String value) {
        Map<String, String> backends = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
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

    private static List<GlanceOptions.Backend> backends(Map<String, String> values, Map<String, String> types) {
        List<GlanceOptions.Backend> backends = new ArrayList<>();
        types.forEach((id, type) -> {
            Map<String, String> section = new LinkedHashMap<>();
            values.forEach((key, value) -> {
                if (key.startsWith(id + ".")) {
                    section.put(key.substring(id.length() + 1), value);
                }
            });
            String description = section.remove(OptionNames.STORE_DESCRIPTION);
            backends.add(new GlanceOptions.Backend(id, type, description, section));
        });
        return backends;
    }

    private static GlanceOptions resolve(Map<String, String> values, Map<String, String> backendTypes) {
        Path dataDir = Path.of(values.getOrDefault(OptionNames.DATA_DIR,
                System.getProperty("user.home") + "/.glance")).toAbsolutePath();
        Path imagesDir = Path.of(values.getOrDefault(OptionNames.FILESYSTEM_STORE_DATADIR,
                dataDir.resolve("images").toString())).toAbsolutePath();
        Path pluginsDir = Path.of(values.getOrDefault(OptionNames.PLUGINS_DIR, "plugins")).toAbsolutePath();

        Map<String, String> storeOptions = new HashMap<>();
        Set<String> sharedStoreOptions = new HashSet<>(OptionNames.FILESYSTEM_STORE_OPTIONS);
        sharedStoreOptions.addAll(OptionNames.HTTP_STORE_OPTIONS);
        for (String key : sharedStoreOptions) {
            if (values.containsKey(key)) {
                storeOptions.put(key, values.get(key));
            }
        }
        storeOptions.put(OptionNames.FILESYSTEM_STORE_DATADIR, imagesDir.toString());

        return new GlanceOptions(
                parseBoolean(values, OptionNames.VERBOSE, false),
                values.getOrDefault(OptionNames.API_HOST, "0.0.0.0"),
                parsePort(values.getOrDefault(OptionNames.API_PORT, "9292")),
                normalizeStore(values.getOrDefault(OptionNames.DEFAULT_STORE, "file")),
                dataDir, imagesDir, pluginsDir,
                parseSize(values.getOrDefault(OptionNames.IMAGE_SIZE_CAP, Long.toString(DEFAULT_IMAGE_SIZE_CAP))),
                values.get(OptionNames.SQL_CONNECTION),
                storeOptions,
                backends(values, backendTypes),
                defaultBackend(values.get(OptionNames.DEFAULT_BACKEND), backendTypes),
                parseSeconds(values, OptionNames.SQL_CONNECTION_TIMEOUT, DEFAULT_SQL_CONNECTION_TIMEOUT,
                        MIN_SQL_CONNECTION_TIMEOUT),
                parsePositiveInt(values, OptionNames.SQL_MAX_POOL_SIZE, DEFAULT_SQL_MAX_POOL_SIZE),
                parseSeconds(values, OptionNames.UPLOAD_RECOVERY_GRACE_PERIOD, DEFAULT_UPLOAD_RECOVERY_GRACE,
                        Duration.ZERO),
                parseBoolean(values, OptionNames.SHOW_MULTIPLE_LOCATIONS, false),
                parseBoolean(values, OptionNames.SHOW_IMAGE_DIRECT_URL, false),
                values.getOrDefault(OptionNames.REGISTRY_HOST, "0.0.0.0"),
                parsePort(values.getOrDefault(OptionNames.REGISTRY_PORT, "9191")),
                remoteRegistry(values.getOrDefault(OptionNames.DATA_API, "database")),
                singleModeStores(values.get(OptionNames.STORES),
                        normalizeStore(values.getOrDefault(OptionNames.DEFAULT_STORE, "file")),
                        !backendTypes.isEmpty()));
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

    /** Glance's {@code data_api} named a Python module; here the two choices are named by what they are. */
    private static boolean remoteRegistry(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "database" -> false;
            case "registry" -> true;
            default -> throw new ConfigurationException("Invalid data_api '" + value + "' (database or registry)");
        };
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

    static Map<String, String> parseFlags(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigurationException("Unexpected argument '" + arg + "'; options look like --api_port 9292");
            }
            String body = arg.substring(2);
            String key;
            String value;
            int eq = body.indexOf('=');
            if (eq >= 0) {
                key = body.substring(0, eq);
                value = body.substring(eq + 1);
            } else {
                key = body;
                boolean nextIsValue = i + 1 < args.length && !args[i + 1].startsWith("--");
                if (canonical(key).equals(OptionNames.VERBOSE) && !nextIsValue) {
                    value = "true";
                } else if (!nextIsValue) {
                    throw new ConfigurationException("Option --" + key + " needs a value");
                } else {
                    value = args[++i];
                }
            }
            flags.put(canonical(key), value);
        }
        return flags;
    }

    static Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX)) {
                String key = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT);
                if (OptionNames.ALL.contains(key)) {
                    values.put(key, value);
                }
            }
        });
        return values;
    }

    private static String canonical(String key) {
        return key.replace('-', '_').toLowerCase(Locale.ROOT);
    }

    private static boolean parseBoolean(Map<String, String> values, String key, boolean defaultValue) {
        String value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigurationException("Invalid " + key + ": '" + value + "' (true or false)");
        };
    }

    /** Seconds, fractions allowed: {@code 30}, {@code 0.5}. */
    static Duration parseSeconds(Map<String, String> values, String key, Duration defaultValue, Duration minimum) {
        String value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        Duration duration;
        try {
            duration = Duration.ofMillis(new BigDecimal(value.trim()).movePointRight(3).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigurationException("Invalid " + key + ": '" + value + "' (seconds, e.g. 30 or 0.5)");
        }
        if (duration.compareTo(minimum) < 0) {
            throw new ConfigurationException("Invalid " + key + ": '" + value + "' (at least "
                    + minimum.toMillis() / 1000.0 + " seconds)");
        }
        return duration;
    }

    private static int parsePositiveInt(Map<String, String> values, String key, int defaultValue) {
        String value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number < 1) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new ConfigurationException("Invalid " + key + ": '" + value + "' (a whole number, at least 1)");
        }
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new ConfigurationException("Invalid api_port: '" + value + "' (0 to 65535)");
        }
    }

    /** Bytes, optionally with a binary suffix: 1073741824, 1024M, 1G, 1T. */
    static long parseSize(String value) {
        String text = value.trim().toUpperCase(Locale.ROOT);
        long multiplier = 1;
        if (!text.isEmpty()) {
            char unit = text.charAt(text.length() - 1);
            int shift = switch (unit) {
                case 'K' -> 10;
                case 'M' -> 20;
                case 'G' -> 30;
                case 'T' -> 40;
                default -> 0;
            };
            if (shift > 0) {
                multiplier = 1L << shift;
                text = text.substring(0, text.length() - 1);
            }
        }
        try {
            long number = Long.parseLong(text);
            if (number < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(number, multiplier);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigurationException("Invalid image_size_cap: '" + value + "' (bytes, or with K/M/G/T)");
        }
    }
}

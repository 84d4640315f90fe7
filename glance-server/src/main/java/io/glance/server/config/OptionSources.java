package io.glance.server.config;

import io.glance.config.ConfigurationException;
import io.glance.config.OptionValues;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Option texts as given, before anyone knows which keys are valid: command-line flags ({@code --api_port 9393},
 * {@code --api-port=9393}, {@code --verbose}, {@code --fast.filesystem_store_datadir /srv}), the environment
 * ({@code GLANCE_API_PORT=9393}) and a YAML file ({@code --config-file glance-api.yaml} or
 * {@code GLANCE_CONFIG_FILE}; flat keys such as {@code api_port: 9393}, sections as maps). Flags win over the
 * environment, which wins over the file. Keys are checked by {@link #check}, once the plugins that add keys are
 * loaded.
 *
 * @param file        the file's keys: each must be known
 * @param environment every {@code GLANCE_*} variable as a key: only known ones are used, others are ignored (the
 *                    environment holds variables meant for other programs)
 * @param flags       the command line's keys: each must be known
 * @param configFile  the file read, or {@code null}
 */
public record OptionSources(Map<String, String> file, Map<String, String> environment, Map<String, String> flags,
                            String configFile) {
    static final String ENV_PREFIX = "GLANCE_";
    /** Names the file to read; not an option itself. */
    static final String CONFIG_FILE = "config_file";

    public OptionSources {
        file = Map.copyOf(file);
        environment = Map.copyOf(environment);
        flags = Map.copyOf(flags);
    }

    /**
     * @param switches the boolean options a flag may give without a value ({@code --verbose})
     * @throws ConfigurationException for a malformed flag or an unreadable file
     */
    public static OptionSources read(String[] args, Map<String, String> environment, Set<String> switches) {
        Map<String, String> flags = parseFlags(args, switches);
        Map<String, String> env = fromEnvironment(environment);
        String configFile = flags.containsKey(CONFIG_FILE) ? flags.remove(CONFIG_FILE) : env.get(CONFIG_FILE);
        env.remove(CONFIG_FILE);
        Map<String, String> fromFile = configFile == null ? Map.of() : readFile(Path.of(configFile));
        return new OptionSources(fromFile, env, flags, configFile);
    }

    /** Every value, flags over environment over file, whether its key is known or not. */
    public OptionValues provisional() {
        return merged(key -> true);
    }

    private OptionValues merged(java.util.function.Predicate<String> useEnvironment) {
        Map<String, String> values = new LinkedHashMap<>(file);
        environment.forEach((key, value) -> {
            if (useEnvironment.test(key)) {
                values.put(key, value);
            }
        });
        values.putAll(flags);
        return OptionValues.of(values);
    }

    /**
     * The values with known keys: every given key must be a known top-level option, an option of a declared
     * section, or lie in an open section (one whose keys someone else checks, e.g. a store's driver); environment
     * variables with other keys are dropped.
     *
     * @param known       top-level option names
     * @param sections    declared sections, by name, with their option names
     * @param openSections sections whose keys are not checked here
     * @param hint        said after an unknown key, e.g. which option it may have been meant for
     * @throws ConfigurationException naming the first unknown key
     */
    public OptionValues check(Set<String> known, Map<String, Set<String>> sections, Set<String> openSections,
                              java.util.function.Function<String, String> hint) {
        Set<String> given = new java.util.TreeSet<>(file.keySet());
        given.addAll(flags.keySet());
        for (String key : given) {
            if (!isKnown(key, known, sections, openSections)) {
                String more = hint.apply(key);
                throw new ConfigurationException("Unknown option '" + key + "'" + (configFile == null ? ""
                        : " (in " + configFile + " or the command line)") + (more == null ? "" : "; " + more));
            }
        }
        return merged(known::contains);
    }

    private static boolean isKnown(String key, Set<String> known, Map<String, Set<String>> sections,
                                   Set<String> openSections) {
        int dot = key.indexOf('.');
        if (dot < 0) {
            return known.contains(key);
        }
        String section = key.substring(0, dot);
        return openSections.contains(section)
                || sections.getOrDefault(section, Set.of()).contains(key.substring(dot + 1));
    }

    private static Map<String, String> readFile(Path file) {
        if (!Files.isReadable(file)) {
            throw new ConfigurationException("config_file " + file + " does not exist or is not readable");
        }
        Config config = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.file(file)).build();
        return new LinkedHashMap<>(config.asMap().orElse(Map.of()));
    }

    static Map<String, String> parseFlags(String[] args, Set<String> switches) {
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
                if (switches.contains(canonical(key)) && !nextIsValue) {
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

    private static Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX)) {
                values.put(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT), value);
            }
        });
        return values;
    }

    private static String canonical(String key) {
        return key.replace('-', '_').toLowerCase(Locale.ROOT);
    }
}

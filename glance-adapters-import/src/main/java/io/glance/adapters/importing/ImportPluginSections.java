package io.glance.adapters.importing;

import io.glance.config.Option;
import io.glance.config.OptionSection;
import io.glance.config.OptionValues;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The options of the import plugins, in Glance's sections: which plugins run ({@code image_import_opts}) and the
 * settings of the first-party ones. A plugin gets its own section's keys; an unknown key stops glance-api at start.
 */
public final class ImportPluginSections {
    static final OptionSection NONE = new OptionSection("none", "no options", List.of());

    public static final Option<List<String>> IMAGE_IMPORT_PLUGINS = Option.of("image_import_plugins", List.of(),
            "none", "import plugins run in this order on staged data (comma-separated), e.g. "
                    + "image_decompression,image_conversion", ImportPluginSections::list);
    public static final OptionSection IMAGE_IMPORT_OPTS = new OptionSection("image_import_opts",
            "Glance's import plugin selection", List.of(IMAGE_IMPORT_PLUGINS));

    public static final Option<String> OUTPUT_FORMAT = Option.choice("output_format", "raw",
            Set.of("raw", "qcow2", "vmdk"), "image_conversion's target disk_format: raw, qcow2 or vmdk");
    public static final Option<Duration> CPU_TIME_LIMIT = Option.seconds("cpu_time_limit", Duration.ofMinutes(10),
            Duration.ofSeconds(1), "CPU seconds one conversion may use before the kernel kills it (raw output: all its"
                    + " windows' qemu-img processes together)");
    public static final Option<Long> ADDRESS_SPACE_LIMIT = Option.size("address_space_limit", 2L << 30, "2G",
            "address space one qemu-img convert may map (bytes, or with K/M/G)");
    public static final OptionSection IMAGE_CONVERSION = new OptionSection("image_conversion",
            "the image_conversion import plugin", List.of(OUTPUT_FORMAT, CPU_TIME_LIMIT, ADDRESS_SPACE_LIMIT));

    public static final Option<Map<String, String>> INJECT = Option.of("inject", Map.of(), "none",
            "properties inject_image_metadata adds to imported images, as key:value,key:value",
            ImportPluginSections::pairs);
    public static final Option<List<String>> IGNORE_USER_ROLES = Option.of("ignore_user_roles", List.of("admin"),
            "admin", "callers with any of these roles get no injected properties (comma-separated)",
            ImportPluginSections::list);
    public static final OptionSection INJECT_METADATA_PROPERTIES = new OptionSection("inject_metadata_properties",
            "the inject_image_metadata import plugin", List.of(INJECT, IGNORE_USER_ROLES));

    public static final Option<java.nio.file.Path> IMPORT_PLUGINS_DIR = Option.path("import_plugins_dir", null,
            "none", "folder of third-party import plugin jars (found with ServiceLoader)");

    /** Every section glance-api accepts for import plugins. */
    public static final List<OptionSection> SECTIONS = List.of(IMAGE_IMPORT_OPTS, IMAGE_CONVERSION,
            INJECT_METADATA_PROPERTIES);
    /** The first-party plugins' names: every other name in image_import_plugins is a third party's. */
    public static final Set<String> FIRST_PARTY = Set.of("no_op", "inject_image_metadata", "image_decompression",
            "image_conversion");
    /** The sections of the first-party plugins, by plugin name. */
    public static final Map<String, OptionSection> PLUGIN_SECTIONS = Map.of("image_conversion", IMAGE_CONVERSION,
            "inject_image_metadata", INJECT_METADATA_PROPERTIES);

    private ImportPluginSections() {
    }

    /** The plugin's configuration read through its section's options; a key the section lacks is refused. */
    static OptionValues requireKnownKeys(String plugin, Map<String, String> config, OptionSection section) {
        Set<String> known = section.options().stream().map(Option::name).collect(Collectors.toSet());
        for (String key : config.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("Import plugin " + plugin + " has no option " + key + " (known: "
                        + known.stream().sorted().toList() + ")");
            }
        }
        return OptionValues.of(config);
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    private static Map<String, String> pairs(String text) {
        Map<String, String> pairs = new java.util.LinkedHashMap<>();
        for (String pair : list(text)) {
            int colon = pair.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("key:value pairs, got " + pair);
            }
            pairs.put(pair.substring(0, colon).trim(), pair.substring(colon + 1).trim());
        }
        return Map.copyOf(pairs);
    }
}

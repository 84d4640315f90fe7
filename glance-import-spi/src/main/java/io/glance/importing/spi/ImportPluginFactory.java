package io.glance.importing.spi;

import java.util.Map;

/**
 * Entry point of an import plugin, found with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/io.glance.importing.spi.ImportPluginFactory} line) on the host's class path or in a jar
 * of {@code import_plugins_dir}. Operators enable it by {@link #name()} in {@code image_import_opts.image_import_plugins};
 * enabled plugins run in that order on the staged data of every import except copy-image.
 */
public interface ImportPluginFactory {

    /** The name operators list, e.g. {@code image_conversion}. */
    String name();

    /**
     * Makes the plugin once, at start.
     *
     * @param config the plugin's own options (its section of the configuration, keys without the section name)
     * @throws IllegalArgumentException naming the key and value when the configuration is unusable; glance-api then
     *                                  refuses to start
     */
    ImportPlugin create(Map<String, String> config);
}

package io.glance.adapters.store;

import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A store plugin could not be loaded: its archive is unreadable, its descriptor invalid, its SPI version range
 * excludes this host, it provides no factory, or it claims a store type another plugin has. Startup must stop: a
 * store that silently went missing would turn into 404s for every image it holds.
 */
public final class PluginLoadException extends RuntimeException {
    private final String pluginId;
    private final Path archive;

    private PluginLoadException(String message, String pluginId, Path archive, Throwable cause) {
        super(message, cause);
        this.pluginId = pluginId;
        this.archive = requireNonNull(archive, "archive is null");
    }

    /** A failure before the plugin's id was known (unreadable archive or descriptor). */
    static PluginLoadException forArchive(Path archive, String reason, Throwable cause) {
        return new PluginLoadException("Cannot load store plugin " + archive + ": " + reason, null, archive, cause);
    }

    static PluginLoadException forPlugin(String pluginId, Path archive, String reason, Throwable cause) {
        requireNonNull(pluginId, "pluginId is null");
        return new PluginLoadException("Cannot load store plugin '" + pluginId + "' (" + archive + "): " + reason,
                pluginId, archive, cause);
    }

    /** A failure of the plugins directory as a whole. */
    static PluginLoadException forDirectory(Path directory, String reason, Throwable cause) {
        return new PluginLoadException("Cannot load store plugins from " + directory + ": " + reason, null, directory,
                cause);
    }

    /** The plugin's id, when its descriptor could be read. */
    public Optional<String> pluginId() {
        return Optional.ofNullable(pluginId);
    }

    /** The archive (or directory) that failed. */
    public Path archive() {
        return archive;
    }
}

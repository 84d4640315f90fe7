package io.glance.adapters.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Which plugins may load, by plugin id: when {@code enabled} is not empty only those, and never the
 * {@code disabled} ones. The same rule as PF4J's {@code enabled.txt} and {@code disabled.txt}, which
 * {@link #fromFiles(Path)} reads.
 */
public record PluginSelection(Set<String> enabled, Set<String> disabled) {

    public PluginSelection {
        enabled = Set.copyOf(requireNonNull(enabled, "enabled is null"));
        disabled = Set.copyOf(requireNonNull(disabled, "disabled is null"));
    }

    public static PluginSelection all() {
        return new PluginSelection(Set.of(), Set.of());
    }

    public static PluginSelection only(Collection<String> pluginIds) {
        return new PluginSelection(Set.copyOf(pluginIds), Set.of());
    }

    public static PluginSelection allExcept(Collection<String> pluginIds) {
        return new PluginSelection(Set.of(), Set.copyOf(pluginIds));
    }

    /**
     * Reads {@code enabled.txt} and {@code disabled.txt} from a plugins directory: one plugin id per line, blank
     * lines and {@code #} comments ignored, a missing file meaning no restriction.
     */
    public static PluginSelection fromFiles(Path pluginsDirectory) {
        return new PluginSelection(readIds(pluginsDirectory.resolve("enabled.txt")),
                readIds(pluginsDirectory.resolve("disabled.txt")));
    }

    public boolean allows(String pluginId) {
        return !disabled.contains(pluginId) && (enabled.isEmpty() || enabled.contains(pluginId));
    }

    private static Set<String> readIds(Path file) {
        if (!Files.exists(file)) {
            return Set.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw PluginLoadException.forDirectory(file.getParent(), "cannot read " + file + ": " + e.getMessage(), e);
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String line : lines) {
            String id = line.strip();
            if (!id.isEmpty() && !id.startsWith("#")) {
                ids.add(id);
            }
        }
        return ids;
    }
}

package io.glance.adapters.store;

import org.pf4j.PluginStatusProvider;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tells PF4J which plugins are disabled: those that any of the selections (the caller's, and the plugins
 * directory's {@code enabled.txt}/{@code disabled.txt}) excludes. Read-only: PF4J's own status provider rewrites
 * those files when a plugin is enabled or disabled at runtime, which a server should never do to its configuration.
 */
final class SelectionStatusProvider implements PluginStatusProvider {
    private final List<PluginSelection> selections;

    SelectionStatusProvider(List<PluginSelection> selections) {
        this.selections = List.copyOf(selections);
    }

    @Override
    public boolean isPluginDisabled(String pluginId) {
        return selections.stream().anyMatch(selection -> !selection.allows(pluginId));
    }

    /** Every plugin id some selection names as enabled, to find ids that match no archive (a typo, usually). */
    Set<String> explicitlyEnabled() {
        Set<String> ids = new TreeSet<>();
        selections.forEach(selection -> ids.addAll(selection.enabled()));
        return ids;
    }

    @Override
    public void disablePlugin(String pluginId) {
        throw new UnsupportedOperationException("store plugins are selected by configuration, not at runtime: "
                + pluginId);
    }

    @Override
    public void enablePlugin(String pluginId) {
        throw new UnsupportedOperationException("store plugins are selected by configuration, not at runtime: "
                + pluginId);
    }
}

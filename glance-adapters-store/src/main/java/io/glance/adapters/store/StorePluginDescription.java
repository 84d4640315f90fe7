package io.glance.adapters.store;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * A loaded store plugin, for logs and diagnostics.
 *
 * @param id         the PF4J Plugin-Id
 * @param version    the Plugin-Version
 * @param requires   the Plugin-Requires expression it was accepted with
 * @param archive    the jar or zip it came from
 * @param storeTypes the store types its factories provide
 */
public record StorePluginDescription(String id, String version, String requires, Path archive,
                                     List<StoreTypeDescription> storeTypes) {

    public StorePluginDescription {
        requireNonNull(id, "id is null");
        requireNonNull(version, "version is null");
        requireNonNull(requires, "requires is null");
        requireNonNull(archive, "archive is null");
        storeTypes = List.copyOf(storeTypes);
    }

    /** One line: id, version, archive and per type its aliases, schemes and capabilities. */
    @Override
    public String toString() {
        StringBuilder line = new StringBuilder(id).append(' ').append(version)
                .append(" (").append(archive.getFileName()).append(", requires ").append(requires).append("):");
        for (StoreTypeDescription type : storeTypes) {
            line.append(" type ").append(type.type());
            if (!type.aliases().isEmpty()) {
                line.append(" aliases ").append(new TreeSet<>(type.aliases()));
            }
            line.append(" schemes ").append(new TreeSet<>(type.schemes()))
                    .append(" capabilities ").append(new TreeSet<>(type.capabilities()));
        }
        return line.toString();
    }
}

package io.glance.adapters.store;

import io.glance.store.spi.BadStoreConfigurationException;
import io.glance.store.spi.StoreContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Makes the {@link StoreContext} a store's driver is created with: the plugin's only way into the host. */
@FunctionalInterface
public interface StoreContextFactory {

    StoreContext contextFor(String storeId);

    /** Contexts whose work directory is {@code root/<storeId>}, created on demand; no default data directory. */
    static StoreContextFactory workDirectoriesUnder(Path root, String hostVersion) {
        return workDirectoriesUnder(root, hostVersion, null);
    }

    /**
     * Contexts whose work directory is {@code root/<storeId>}, created on demand, and whose default data directory
     * is {@code defaultDataDirectory} ({@code null}: none).
     */
    static StoreContextFactory workDirectoriesUnder(Path root, String hostVersion, Path defaultDataDirectory) {
        requireNonNull(root, "root is null");
        requireNonNull(hostVersion, "hostVersion is null");
        return storeId -> {
            Path workDirectory = root.resolve(storeId);
            try {
                Files.createDirectories(workDirectory);
            } catch (IOException e) {
                throw new BadStoreConfigurationException("store '" + storeId + "': cannot create its work directory "
                        + workDirectory + ": " + e.getMessage(), e);
            }
            return new HostStoreContext(hostVersion, workDirectory, Optional.ofNullable(defaultDataDirectory));
        };
    }

    /** The plain context the host gives drivers. */
    record HostStoreContext(String hostVersion, Path workDirectory, Optional<Path> defaultDataDirectory)
            implements StoreContext {
        public HostStoreContext {
            requireNonNull(hostVersion, "hostVersion is null");
            requireNonNull(workDirectory, "workDirectory is null");
            requireNonNull(defaultDataDirectory, "defaultDataDirectory is null");
        }
    }
}

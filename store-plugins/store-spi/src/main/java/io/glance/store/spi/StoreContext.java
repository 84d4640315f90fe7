package io.glance.store.spi;

import java.nio.file.Path;
import java.util.Optional;

/** What the host gives a driver when it creates it. New host services are added here as default methods. */
public interface StoreContext {

    /** The host's version, for logging and user agents. */
    String hostVersion();

    /** A directory private to this store id where the driver may keep local state, created by the host. */
    Path workDirectory();

    /**
     * Where a driver that keeps image data in local files puts it when its configuration names no directory, as the
     * host's operators expect (glance-api: {@code <data_dir>/images} in single-store mode); empty when the host
     * names none, and then such a driver must be told. Not created by the host.
     *
     * @since 1.2.0 (hosts of SPI 1.0 and 1.1 name none)
     */
    default Optional<Path> defaultDataDirectory() {
        return Optional.empty();
    }
}

package io.glance.store.spi;

import java.nio.file.Path;

/** What the host gives a driver when it creates it. New host services are added here as default methods. */
public interface StoreContext {

    /** The host's version, for logging and user agents. */
    String hostVersion();

    /** A directory private to this store id where the driver may keep local state, created by the host. */
    Path workDirectory();
}

package io.glance.store.tck;

import io.glance.store.spi.StoreContext;

import java.nio.file.Path;
import java.util.Objects;

/** A {@link StoreContext} for driver tests: a fixed host version and a work directory the test owns. */
public record TestingStoreContext(String hostVersion, Path workDirectory) implements StoreContext {

    public TestingStoreContext {
        Objects.requireNonNull(hostVersion, "hostVersion is null");
        Objects.requireNonNull(workDirectory, "workDirectory is null");
    }

    public TestingStoreContext(Path workDirectory) {
        this("tck", workDirectory);
    }
}

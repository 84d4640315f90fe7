package io.glance.testing;

import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreDriver;
import io.glance.store.tck.StoreDriverTck;
import io.glance.store.spi.StoredObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the TCK against the in-memory driver declaring only {@code READ}, as the HTTP store does: every write, range
 * and delete test must then pass by asserting the unsupported-capability error, with objects seeded out of band.
 */
class ReadOnlyStoreDriverTckTest extends StoreDriverTck {
    private InMemoryStoreDriver driver;

    @Override
    protected StoreDriver createDriver(Path tmp) {
        driver = new InMemoryStoreDriver("web", declaredCapabilities());
        return driver;
    }

    @Override
    protected Set<StoreCapability> declaredCapabilities() {
        return EnumSet.of(StoreCapability.READ);
    }

    @Override
    protected List<String> listStoredNames() {
        return driver.names();
    }

    @Override
    protected URI absentLocation(String imageId) {
        return driver.locationOf(imageId);
    }

    @Override
    protected StoredObject seedObject(String imageId, InputStream data, long size) {
        try {
            return driver.place(imageId, data.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

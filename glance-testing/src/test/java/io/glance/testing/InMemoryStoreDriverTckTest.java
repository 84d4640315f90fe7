package io.glance.testing;

import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreDriver;
import io.glance.store.tck.StoreDriverTck;

import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the TCK against the in-memory driver the application and HTTP tests use, with every capability: the fake
 * they rely on behaves as every real driver must, and a correct driver passes the TCK.
 */
class InMemoryStoreDriverTckTest extends StoreDriverTck {
    private InMemoryStoreDriver driver;

    @Override
    protected StoreDriver createDriver(Path tmp) {
        driver = new InMemoryStoreDriver("memory", declaredCapabilities());
        return driver;
    }

    @Override
    protected StoreDriver reopenDriver(Path tmp) {
        return driver.reopened();
    }

    @Override
    protected Set<StoreCapability> declaredCapabilities() {
        return EnumSet.allOf(StoreCapability.class);
    }

    @Override
    protected List<String> listStoredNames() {
        return driver.names();
    }

    @Override
    protected URI absentLocation(String imageId) {
        return driver.locationOf(imageId);
    }
}

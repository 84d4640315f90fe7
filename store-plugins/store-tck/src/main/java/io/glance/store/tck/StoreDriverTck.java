package io.glance.store.tck;

import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoredObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store driver TCK. A driver's test extends this class, implements the hooks, and inherits every test group:
 * {@link WriteReadTck}, {@link RangeTck}, {@link DeleteTck}, {@link FailureTck}, {@link ConcurrencyTck},
 * {@link DedupTck} and {@link ListTck}. Where the driver lacks a capability, the tests assert that it refuses the
 * operation with {@link io.glance.store.spi.UnsupportedCapabilityException} instead. Only {@link DedupTck} (a
 * capability without an operation of its own) and {@link ListTck} (for a capability added in SPI 1.6, after checking
 * the refusal) are skipped for drivers that do not declare theirs, so older drivers are not asked for what they never
 * promised.
 *
 * <p>Each test gets a fresh driver over a fresh temporary directory, and fresh image ids, so the hooks may also point
 * at a shared remote store.
 */
public abstract class StoreDriverTck
        implements WriteReadTck, RangeTck, DeleteTck, FailureTck, ConcurrencyTck, DedupTck, ListTck {

    private StoreDriver driver;
    private Path tmp;

    /** Creates the driver under test, keeping any local state under {@code tmp}. */
    protected abstract StoreDriver createDriver(Path tmp) throws Exception;

    /** What the driver's factory declares; it decides which outcome each test expects. */
    protected abstract Set<StoreCapability> declaredCapabilities();

    /**
     * The names of everything the store holds, including temporary and partial objects, so the TCK can prove that
     * failures leave nothing behind. Names only need to be stable within one test.
     */
    protected abstract List<String> listStoredNames() throws Exception;

    /** A well-formed location of this store at which nothing is stored, e.g. where {@code imageId} would go. */
    protected abstract URI absentLocation(String imageId);

    /**
     * The driver under test created again over the same store and configuration, as a restarted host would; by
     * default {@link #createDriver} over the same {@code tmp}. A test whose {@code createDriver} makes a fresh
     * bucket or container each time overrides it, if its driver declares {@code DEDUP}.
     */
    protected StoreDriver reopenDriver(Path tmp) throws Exception {
        return createDriver(tmp);
    }

    /**
     * Places an object in the store. Uses {@code put} by default; a driver without {@code WRITE} (a read-only store)
     * overrides this to put the object where the driver will find it, e.g. into the web server it reads from.
     */
    protected StoredObject seedObject(String imageId, InputStream data, long size) {
        if (!declaredCapabilities().contains(StoreCapability.WRITE)) {
            throw new IllegalStateException(getClass().getSimpleName()
                    + " tests a store without WRITE, so it must override seedObject() to place test objects");
        }
        return driver.put(imageId, data, size);
    }

    @BeforeEach
    protected final void createDriverUnderTest(@TempDir Path tmp) throws Exception {
        this.tmp = tmp;
        driver = requireNonNull(createDriver(tmp), "createDriver returned null");
    }

    @AfterEach
    protected final void closeDriverUnderTest() {
        if (driver != null) {
            driver.close();
            driver = null;
        }
    }

    /** Keeps driver tests recognisable (and matched by the build's test includes) as TCK runs. */
    @Test
    public void testClassNameEndsWithTckTest() {
        assertThat(getClass().getSimpleName())
                .as("name of a class running the store driver TCK")
                .endsWith("TckTest");
    }

    /** A ranged read is a kind of read: a store cannot sensibly declare one without the other. */
    @Test
    public void declaredCapabilitiesAreConsistent() {
        Set<StoreCapability> capabilities = declaredCapabilities();
        if (capabilities.contains(StoreCapability.READ_RANGE)) {
            assertThat(capabilities).as("capabilities declaring READ_RANGE").contains(StoreCapability.READ);
        }
        assertThat(driver.storeId()).as("storeId() of the driver under test").isNotBlank();
    }

    @Override
    public final StoreDriver driver() {
        if (driver == null) {
            throw new IllegalStateException("no driver: the TCK creates one before each test");
        }
        return driver;
    }

    @Override
    public final StoreDriver reopenedDriver() {
        try {
            return requireNonNull(reopenDriver(tmp), "reopenDriver returned null");
        } catch (Exception e) {
            throw new IllegalStateException("reopenDriver() of " + getClass().getSimpleName() + " failed", e);
        }
    }

    @Override
    public final boolean supports(StoreCapability capability) {
        return declaredCapabilities().contains(capability);
    }

    @Override
    public final List<String> storedNames() {
        try {
            return List.copyOf(listStoredNames());
        } catch (Exception e) {
            throw new IllegalStateException("listStoredNames() of " + getClass().getSimpleName() + " failed", e);
        }
    }

    @Override
    public final StoredObject seed(String imageId, long size, long seed) {
        StoredObject seeded = seedObject(imageId, new PatternInputStream(size, seed), size);
        return requireNonNull(seeded, "seedObject returned null");
    }

    @Override
    public final URI missingLocation(String imageId) {
        return requireNonNull(absentLocation(imageId), "absentLocation returned null");
    }
}

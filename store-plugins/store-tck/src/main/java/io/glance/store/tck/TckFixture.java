package io.glance.store.tck;

import io.glance.store.spi.ObjectData;
import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoredObject;
import io.glance.store.spi.UnsupportedCapabilityException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the TCK's test groups ({@link WriteReadTck}, {@link RangeTck}, {@link DeleteTck}, {@link FailureTck},
 * {@link ConcurrencyTck}) need from the test running them, plus the checks they share. {@link StoreDriverTck}
 * implements it; driver tests implement the hooks of {@link StoreDriverTck} instead.
 *
 * <p>The shared checks let capabilities decide what is expected: an operation the store did not declare must fail
 * with {@link UnsupportedCapabilityException} naming that capability, so a read-only store runs every test too.
 */
public interface TckFixture {

    /** The driver under test, fresh for each test. */
    StoreDriver driver();

    /** Whether the driver's factory declares {@code capability}. */
    boolean supports(StoreCapability capability);

    /** Every name the store holds, temporary and partial ones included. */
    List<String> storedNames();

    /** Places a {@link PatternInputStream} object in the store, with {@code put} or by the test's own means. */
    StoredObject seed(String imageId, long size, long seed);

    /** A well-formed location of this store where no object exists. */
    URI missingLocation(String imageId);

    /** A fresh image id, unique even in a store shared between test runs. */
    default String newImageId() {
        return UUID.randomUUID().toString();
    }

    /** {@link #write(String, long, long, long)} with the size announced. */
    default StoredObject write(String imageId, long size, long seed) {
        return write(imageId, size, seed, size);
    }

    /**
     * Writes a pattern object with {@code put} when the store declares {@code WRITE}. Otherwise asserts that
     * {@code put} is refused as unsupported and seeds the object by the test's own means, so that the read, range
     * and delete tests still run against read-only stores.
     */
    default StoredObject write(String imageId, long size, long seed, long expectedSize) {
        if (!supports(StoreCapability.WRITE)) {
            assertUnsupported(StoreCapability.WRITE,
                    () -> driver().put(imageId, new PatternInputStream(size, seed), expectedSize));
            return seed(imageId, size, seed);
        }
        StoredObject stored = driver().put(imageId, new PatternInputStream(size, seed), expectedSize);
        assertThat(stored).as("put(%s) result", imageId).isNotNull();
        assertThat(stored.size()).as("size reported by put(%s)", imageId).isEqualTo(size);
        return stored;
    }

    /**
     * Asserts that {@code location} holds exactly the pattern with this size and seed (reading it to its end), or,
     * when the store does not declare {@code READ}, that reading is refused as unsupported.
     */
    default void assertContent(URI location, long size, long seed) throws IOException {
        if (!supports(StoreCapability.READ)) {
            assertUnsupported(StoreCapability.READ, () -> driver().get(location, null));
            assertUnsupported(StoreCapability.READ, () -> driver().size(location));
            return;
        }
        ObjectData data = driver().get(location, null);
        try (InputStream stream = data.stream()) {
            assertThat(data.length()).as("length of %s", location).isEqualTo(size);
            assertThat(data.objectSize()).as("object size of %s", location).isEqualTo(size);
            assertThat(Digests.of(stream)).as("content of %s", location).isEqualTo(Digests.ofPattern(size, seed));
        }
        assertThat(driver().size(location)).as("size(%s)", location).isEqualTo(size);
    }

    /** Asserts that {@code call} fails with {@link UnsupportedCapabilityException} for exactly {@code capability}. */
    default void assertUnsupported(StoreCapability capability, ThrowingCallable call) {
        assertThatThrownBy(call)
                .as("calling a driver for %s, which it does not declare", capability)
                .isExactlyInstanceOf(UnsupportedCapabilityException.class)
                .satisfies(e -> assertThat(((UnsupportedCapabilityException) e).capability()).isEqualTo(capability));
    }

    /** Asserts that the store holds exactly the names it held before an operation that failed or undid itself. */
    default void assertNothingLeftBehind(List<String> before, String operation) {
        assertThat(storedNames())
                .as("objects and temporary files left in the store after %s", operation)
                .containsExactlyInAnyOrderElementsOf(before);
    }

    /** {@code failure}, its causes and their suppressed exceptions, for checking what a driver wrapped. */
    static List<Throwable> causalChain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable current = failure; current != null && !chain.contains(current); current = current.getCause()) {
            chain.add(current);
            chain.addAll(List.of(current.getSuppressed()));
        }
        return chain;
    }
}

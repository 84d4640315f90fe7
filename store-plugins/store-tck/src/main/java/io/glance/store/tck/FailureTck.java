package io.glance.store.tck;

import io.glance.store.spi.DuplicateObjectException;
import io.glance.store.spi.ObjectNotFoundException;
import io.glance.store.spi.SizeMismatchException;
import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoredObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Failures are typed and name the offending value, and a failed write leaves nothing behind: no partial object, no
 * temporary file, and the same image id can be written afterwards.
 */
public interface FailureTck extends TckFixture {

    @Test
    default void duplicatePutIsRefusedAndKeepsTheOriginal() throws IOException {
        String imageId = newImageId();
        StoredObject original = write(imageId, 1000, 31);
        if (!supports(StoreCapability.WRITE)) {
            return; // write() has asserted that put is refused as unsupported
        }
        List<String> before = storedNames();

        assertThatThrownBy(() -> driver().put(imageId, new PatternInputStream(2000, 32), 2000))
                .isInstanceOf(DuplicateObjectException.class)
                .hasMessageContaining(imageId);

        assertNothingLeftBehind(before, "a refused duplicate put");
        assertContent(original.location(), 1000, 31);
    }

    @Test
    default void readingMissingObjectIsNotFound() {
        String imageId = newImageId();
        URI missing = missingLocation(imageId);

        if (!supports(StoreCapability.READ)) {
            assertUnsupported(StoreCapability.READ, () -> driver().get(missing, null));
            return;
        }
        assertThatThrownBy(() -> driver().get(missing, null))
                .isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining(imageId);
    }

    @Test
    default void sizeOfMissingObjectIsNotFound() {
        String imageId = newImageId();
        URI missing = missingLocation(imageId);

        if (!supports(StoreCapability.READ)) {
            assertUnsupported(StoreCapability.READ, () -> driver().size(missing));
            return;
        }
        assertThatThrownBy(() -> driver().size(missing))
                .isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining(imageId);
    }

    /**
     * The data does not have the announced size. Since SPI 1.2 the host's stream finds that out itself: it throws
     * {@link SizeMismatchException} at an early end, or at the first extra byte before delivering the last announced
     * one. The driver must pass that exception on unchanged and leave nothing behind, as for the host's other checks.
     */
    @ParameterizedTest(name = "announced {0}, {1} bytes delivered before the host refuses")
    @CsvSource({"100000, 99999", "0, 0"})
    default void dataOfAnotherSizeThanAnnouncedIsRefusedByTheHostAndLeavesNothing(long announced, long delivered)
            throws IOException {
        String imageId = newImageId();
        SizeMismatchException mismatch = new SizeMismatchException("image " + imageId + ": " + announced
                + " bytes were announced (TCK)");
        if (!supports(StoreCapability.WRITE)) {
            assertUnsupported(StoreCapability.WRITE, () -> driver().put(imageId,
                    FailingInputStream.runtimeFailureAfter(delivered, 35, mismatch), announced));
            return;
        }
        List<String> before = storedNames();

        assertThatThrownBy(() -> driver().put(imageId,
                FailingInputStream.runtimeFailureAfter(delivered, 35, mismatch), announced))
                .isSameAs(mismatch);

        assertNothingLeftBehind(before, "a size mismatch found by the host");
        assertCanBeWrittenAfterFailure(imageId);
    }

    /** The client goes away mid-upload: the driver reports the read failure and removes what it wrote. */
    @ParameterizedTest(name = "announced size {0}")
    @ValueSource(longs = {1_000_000, -1})
    default void clientStreamFailureLeavesNothing(long expectedSize) throws IOException {
        String imageId = newImageId();
        IOException clientFailure = new IOException("client went away (TCK)");
        if (!supports(StoreCapability.WRITE)) {
            assertUnsupported(StoreCapability.WRITE, () -> driver().put(imageId,
                    FailingInputStream.ioFailureAfter(300_000, 33, clientFailure), expectedSize));
            return;
        }
        List<String> before = storedNames();

        assertThatThrownBy(() -> driver().put(imageId,
                FailingInputStream.ioFailureAfter(300_000, 33, clientFailure), expectedSize))
                .isInstanceOf(UncheckedIOException.class)
                .satisfies(e -> assertThat(TckFixture.causalChain(e)).contains(clientFailure));

        assertNothingLeftBehind(before, "a client stream failure");
        assertCanBeWrittenAfterFailure(imageId);
    }

    /**
     * The host's own checks (size cap, quota) fail inside the data stream with unchecked exceptions; the driver must
     * let them through unchanged, so the host can answer with the right status, and still clean up.
     */
    @Test
    default void hostFailureInsideTheStreamPropagatesUnchangedAndLeavesNothing() throws IOException {
        String imageId = newImageId();
        RuntimeException hostFailure = new IllegalStateException("image_size_cap exceeded (TCK)");
        if (!supports(StoreCapability.WRITE)) {
            assertUnsupported(StoreCapability.WRITE, () -> driver().put(imageId,
                    FailingInputStream.runtimeFailureAfter(200_000, 34, hostFailure), -1));
            return;
        }
        List<String> before = storedNames();

        assertThatThrownBy(() -> driver().put(imageId,
                FailingInputStream.runtimeFailureAfter(200_000, 34, hostFailure), -1))
                .isSameAs(hostFailure);

        assertNothingLeftBehind(before, "a failure raised by the host inside the data stream");
        assertCanBeWrittenAfterFailure(imageId);
    }

    /** Nothing of the failed attempt may block the retry the client makes next. */
    private void assertCanBeWrittenAfterFailure(String imageId) throws IOException {
        StoredObject retried = write(imageId, 70_000, 36);
        assertContent(retried.location(), 70_000, 36);
    }
}

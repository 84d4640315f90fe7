package io.glance.store.tck;

import io.glance.store.spi.ObjectNotFoundException;
import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoredObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Deleted objects are gone for good, and deleting what is not there is an error rather than a silent success. */
public interface DeleteTck extends TckFixture {

    @Test
    default void deletedObjectIsGone() throws IOException {
        List<String> before = storedNames();
        StoredObject stored = write(newImageId(), 5000, 21);

        if (!supports(StoreCapability.DELETE)) {
            assertUnsupported(StoreCapability.DELETE, () -> driver().delete(stored.location()));
            assertContent(stored.location(), 5000, 21);
            return;
        }
        driver().delete(stored.location());

        assertNothingLeftBehind(before, "delete");
        assertMissing(stored.location());
    }

    @Test
    default void deletingTwiceFailsTheSecondTime() {
        StoredObject stored = write(newImageId(), 10, 22);

        if (!supports(StoreCapability.DELETE)) {
            assertUnsupported(StoreCapability.DELETE, () -> driver().delete(stored.location()));
            return;
        }
        driver().delete(stored.location());

        assertThatThrownBy(() -> driver().delete(stored.location())).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    default void deletingMissingObjectIsNotFound() {
        String imageId = newImageId();
        URI missing = missingLocation(imageId);

        if (!supports(StoreCapability.DELETE)) {
            assertUnsupported(StoreCapability.DELETE, () -> driver().delete(missing));
            return;
        }
        assertThatThrownBy(() -> driver().delete(missing))
                .isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining(imageId);
    }

    /** An image whose upload was rolled back (data deleted) can be uploaded again under the same id. */
    @Test
    default void imageCanBeWrittenAgainAfterDelete() throws IOException {
        String imageId = newImageId();
        StoredObject first = write(imageId, 3000, 23);

        if (!supports(StoreCapability.DELETE)) {
            assertUnsupported(StoreCapability.DELETE, () -> driver().delete(first.location()));
            return;
        }
        driver().delete(first.location());
        StoredObject second = write(imageId, 4000, 24);

        assertContent(second.location(), 4000, 24);
    }

    private void assertMissing(URI location) {
        if (!supports(StoreCapability.READ)) {
            assertUnsupported(StoreCapability.READ, () -> driver().get(location, null));
            return;
        }
        assertThatThrownBy(() -> driver().get(location, null)).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> driver().size(location)).isInstanceOf(ObjectNotFoundException.class);
    }
}

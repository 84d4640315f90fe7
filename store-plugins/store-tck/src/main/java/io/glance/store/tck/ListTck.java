package io.glance.store.tck;

import io.glance.store.spi.ListedObject;
import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoredObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Listing (SPI 1.6, {@link StoreCapability#LIST}): a store lists exactly the objects it holds, each with the location
 * {@code put} returned, its size and a plausible time. A driver that does not declare {@code LIST} must refuse the
 * call as unsupported; the rest of the group is then skipped.
 */
public interface ListTck extends TckFixture {

    /** Clocks of a remote store and of this host may disagree a little; a listing's times only need to be near. */
    Duration CLOCK_SKEW = Duration.ofMinutes(5);

    @Test
    default void listingAnEmptyStoreDeliversNothing() {
        requireList();
        assertThat(listed()).as("objects listed by a store nothing was written to").isEmpty();
    }

    @Test
    default void listingDeliversEveryObjectWithItsLocationSizeAndTime() {
        requireList();
        Instant before = Instant.now().minus(CLOCK_SKEW);
        StoredObject small = write(newImageId(), 1000, 31);
        StoredObject empty = write(newImageId(), 0, 32);
        StoredObject large = write(newImageId(), 1024 * 1024 + 1, 33);
        Instant after = Instant.now().plus(CLOCK_SKEW);

        Map<String, ListedObject> byLocation = listed().stream()
                .collect(Collectors.toMap(object -> object.location().toString(), Function.identity()));

        assertThat(byLocation.keySet()).as("locations listed")
                .containsExactlyInAnyOrder(small.location().toString(), empty.location().toString(),
                        large.location().toString());
        for (StoredObject stored : List.of(small, empty, large)) {
            ListedObject object = byLocation.get(stored.location().toString());
            assertThat(object.size()).as("listed size of %s", stored.location()).isEqualTo(stored.size());
            assertThat(object.lastModified()).as("listed time of %s", stored.location()).isBetween(before, after);
            assertThat(object.key()).as("listed key of %s", stored.location()).isNotBlank();
            assertThat(stored.location().toString()).as("location of listed key").contains(object.key());
        }
    }

    @Test
    default void aListedLocationCanBeReadAndDeleted() throws Exception {
        requireList();
        write(newImageId(), 777, 34);
        ListedObject object = listed().get(0);

        if (supports(StoreCapability.READ)) {
            assertContent(object.location(), 777, 34);
        }
        if (supports(StoreCapability.DELETE)) {
            driver().delete(object.location());
            assertThat(listed()).as("objects listed after the only one was deleted").isEmpty();
        }
    }

    @Test
    default void aFailureOfTheSinkEndsTheListingUnchanged() {
        requireList();
        write(newImageId(), 10, 35);
        write(newImageId(), 10, 36);
        IllegalStateException stop = new IllegalStateException("the caller stops here");
        List<ListedObject> seen = new ArrayList<>();

        assertThatThrownBy(() -> driver().list(object -> {
            seen.add(object);
            throw stop;
        })).isSameAs(stop);
        assertThat(seen).as("objects delivered before the sink failed").hasSize(1);
    }

    /** Everything the driver lists. */
    default List<ListedObject> listed() {
        List<ListedObject> objects = new ArrayList<>();
        driver().list(objects::add);
        return objects;
    }

    /** Checks that a driver without {@code LIST} refuses listing, then skips the calling test. */
    private void requireList() {
        if (!supports(StoreCapability.LIST)) {
            assertUnsupported(StoreCapability.LIST, () -> driver().list(object -> { }));
            Assumptions.abort("the store does not declare LIST");
        }
    }
}

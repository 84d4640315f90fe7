package io.glance.store.tck;

import io.glance.store.spi.ObjectNotFoundException;
import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoredObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the host's content-addressed storage ({@link StoreCapability#DEDUP}) relies on. The host keeps one object for
 * all images with the same bytes and counts their references in its database; from the driver it needs only that
 * objects written under random names stay independent, readable by a restarted host, and that a repeated delete says
 * the object is gone. Skipped for drivers that do not declare {@code DEDUP}: there is no operation to refuse.
 */
public interface DedupTck extends TckFixture {

    /**
     * The same driver configuration opened again, as a restarted glance-api would; the caller closes it.
     */
    StoreDriver reopenedDriver();

    @Test
    default void dedupNeedsReadWriteAndDelete() {
        assumeTrue(supports(StoreCapability.DEDUP), "the driver does not declare DEDUP");
        assertThat(supports(StoreCapability.READ) && supports(StoreCapability.WRITE)
                && supports(StoreCapability.DELETE))
                .as("a driver declaring DEDUP also declares READ, WRITE and DELETE").isTrue();
    }

    /** The host journals {@code locationOf(id)} before writing, and finds there what a crash left behind. */
    @Test
    default void locationOfNamesWherePutWrites() {
        assumeTrue(supports(StoreCapability.DEDUP), "the driver does not declare DEDUP");
        String name = UUID.randomUUID().toString();
        var before = driver().locationOf(name);

        assertThatThrownBy(() -> driver().delete(before)).as("deleting %s before anything is written", before)
                .isInstanceOf(ObjectNotFoundException.class);
        StoredObject stored = write(name, 1_000, 44);

        assertThat(stored.location()).as("location of put(%s)", name).isEqualTo(before);
        driver().delete(before);
    }

    /**
     * The host writes every upload under a fresh random name and removes the redundant copy afterwards: the two
     * objects must be distinct, and deleting one must leave the other whole (no sharing the driver does by itself).
     */
    @Test
    default void identicalBytesUnderTwoNamesAreTwoIndependentObjects() throws IOException {
        assumeTrue(supports(StoreCapability.DEDUP), "the driver does not declare DEDUP");
        StoredObject first = write(UUID.randomUUID().toString(), 70_000, 41);
        StoredObject second = write(UUID.randomUUID().toString(), 70_000, 41);

        assertThat(second.location()).as("location of the second copy").isNotEqualTo(first.location());
        driver().delete(first.location());

        assertContent(second.location(), 70_000, 41);
        assertThatThrownBy(() -> driver().get(first.location(), null)).isInstanceOf(ObjectNotFoundException.class);
        driver().delete(second.location());
    }

    /**
     * The host replays its journal at start: a restarted driver reads and deletes objects the previous one wrote
     * (starting a driver removes no published object), and a delete repeated after a crash is a not-found.
     */
    @Test
    default void aReopenedDriverReadsAndDeletesWhatWasWritten() throws IOException {
        assumeTrue(supports(StoreCapability.DEDUP), "the driver does not declare DEDUP");
        StoredObject kept = write(UUID.randomUUID().toString(), 3_000, 42);
        StoredObject deleted = write(UUID.randomUUID().toString(), 3_000, 43);

        try (StoreDriver reopened = reopenedDriver()) {
            assertThat(reopened.size(kept.location())).as("size of %s after a restart", kept.location())
                    .isEqualTo(3_000);
            try (var data = reopened.get(kept.location(), null).stream()) {
                assertThat(Digests.of(data)).as("content of %s after a restart", kept.location())
                        .isEqualTo(Digests.ofPattern(3_000, 42));
            }
            reopened.delete(deleted.location());
            assertThatThrownBy(() -> reopened.delete(deleted.location()))
                    .as("deleting %s again", deleted.location()).isInstanceOf(ObjectNotFoundException.class);
        }
        assertThatThrownBy(() -> driver().delete(deleted.location())).isInstanceOf(ObjectNotFoundException.class);
        assertContent(kept.location(), 3_000, 42);
    }
}

package io.glance.ports.out;

import io.glance.domain.ImageId;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The bookkeeping of content-addressed stores ({@code dedup: true}): which object holds the bytes with a given sha512
 * and size in a store, which images refer to it (the reference count is the number of such rows), and a journal of
 * store objects this node is about to write or delete, replayed at start so that a crash at any step leaves neither
 * an image pointing at a deleted object nor an object nothing refers to. Kept in the images' database, whose
 * {@code image_locations} it reads to tell whether an image still points at an object; with
 * {@code data_api: registry} there is none.
 */
public interface ContentIndex {

    /**
     * Records, before the store is touched, that the object at {@code location} may have to be deleted.
     *
     * @return the entry's id, for {@link #forget}
     */
    String journal(String storeId, URI location, ImageId image);

    /** Drops a journal entry once the store side effect it covered is done (or known to be unnecessary). */
    void forget(String entryId);

    /** This node's journal entries, oldest first: what a crash interrupted. */
    List<JournalEntry> journal();

    /**
     * In one transaction: the location of the object holding this content in the store, registering
     * {@code candidate} as that object when there is none, and one reference from {@code image} to it.
     *
     * @return the content's location: {@code candidate} when it was new
     */
    URI claim(String storeId, String sha512, long size, URI candidate, ImageId image);

    /**
     * In one transaction: drops the reference of {@code image} to the object at {@code location}, if it has one;
     * when no reference remains, unregisters the object and journals its deletion (so that a crash before the delete
     * is finished at the next start).
     *
     * @return what the caller must do with the object
     */
    Release release(String storeId, URI location, ImageId image);

    /** Whether an image (not deleted; {@code pending_delete} counts) has {@code location} among its locations. */
    boolean pointsAt(ImageId image, URI location);

    /**
     * References whose image no longer points at the object and that no journal entry covers: what a crash between
     * an image's delete and {@link #release} left behind.
     */
    List<Reference> staleReferences();

    /** The locations of the objects of the store that {@code image} refers to. */
    List<URI> referencedBy(String storeId, ImageId image);

    /** How many images refer to the object at {@code location}; 0 when it is not registered. */
    int references(String storeId, URI location);

    /** Journal entries of this node (or of any node, when older than the grace period given by the adapter). */
    record JournalEntry(String id, String storeId, URI location, ImageId image) {
        public JournalEntry {
            Objects.requireNonNull(id, "id is null");
            Objects.requireNonNull(storeId, "storeId is null");
            Objects.requireNonNull(location, "location is null");
            Objects.requireNonNull(image, "image is null");
        }
    }

    /** A reference of {@code image} to the object at {@code location} of a store. */
    record Reference(String storeId, URI location, ImageId image) {
        public Reference {
            Objects.requireNonNull(storeId, "storeId is null");
            Objects.requireNonNull(location, "location is null");
            Objects.requireNonNull(image, "image is null");
        }
    }

    /**
     * The outcome of {@link #release}.
     *
     * @param registered whether {@code location} was a registered object at all (an object written before the store
     *                   had {@code dedup: true} is not: the caller deletes it as it always did)
     * @param deletion   when the last reference went: the journal entry covering the object's deletion, which the
     *                   caller forgets once the object is deleted; empty while other images still refer to it
     */
    record Release(boolean registered, Optional<String> deletion) {
        public Release {
            Objects.requireNonNull(deletion, "deletion is null");
        }
    }
}

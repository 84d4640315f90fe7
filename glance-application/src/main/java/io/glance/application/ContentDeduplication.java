package io.glance.application;

import io.glance.application.DedupCheckpoints.Step;
import io.glance.domain.ImageId;
import io.glance.ports.out.ConfiguredStore;
import io.glance.ports.out.ContentIndex;
import io.glance.ports.out.StoreRegistry;
import io.glance.store.spi.ObjectNotFoundException;
import io.glance.store.spi.StoreException;
import io.glance.store.spi.StoredObject;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * Content-addressed storage for stores with {@code dedup: true}: one object per content (sha512 and size) in a
 * store, however many images hold those bytes, with the references counted in the {@link ContentIndex}.
 * <p>
 * A write goes as usual to the end, under a fresh random name (so that a location never tells whose upload first
 * brought the bytes), with its location journalled before the store is touched. Then, in one transaction, the content
 * is claimed: the new object is registered, or the image gets a reference to the object already there. The image is
 * pointed at the content's object, and only then the redundant new copy is deleted and the journal entry forgotten.
 * A delete drops the image's reference in one transaction, which unregisters the object and journals its deletion
 * when it was the last; the object is deleted after that commit. At start, {@link #recover()} replays what a crash
 * interrupted: every journalled object is deleted unless registered, and a reference whose image does not point at
 * its object is dropped. The caller's answer is the same whether the bytes were known or not: same status, same
 * body, the upload always read to its end.
 */
public final class ContentDeduplication {
    private static final Logger LOG = Logger.getLogger(ContentDeduplication.class.getName());

    private final ContentIndex index;
    private final StoreRegistry stores;
    private final DedupCheckpoints checkpoints;

    /**
     * @param index       the bookkeeping; {@code null} when no store dedups (and none may)
     * @param stores      the configured stores
     * @param checkpoints the test hook, {@link DedupCheckpoints#none()} in production
     */
    public ContentDeduplication(ContentIndex index, StoreRegistry stores, DedupCheckpoints checkpoints) {
        this.index = index;
        this.stores = requireNonNull(stores, "stores is null");
        this.checkpoints = requireNonNull(checkpoints, "checkpoints is null");
    }

    /** No store dedups. */
    static ContentDeduplication off(StoreRegistry stores) {
        return new ContentDeduplication(null, stores, DedupCheckpoints.none());
    }

    /**
     * A write into {@code store} for {@code image} about to start: for a dedup store, a random name whose location is
     * journalled now; for any other store, the image id as always.
     */
    Write begin(ConfiguredStore store, ImageId image) {
        if (!store.dedup()) {
            return new Write(store, image, image.value(), null, null);
        }
        String name = UUID.randomUUID().toString();
        URI location = store.driver().locationOf(name);
        String entry = index().journal(store.id(), location, image);
        checkpoints.reached(Step.JOURNALED);
        return new Write(store, image, name, location, entry);
    }

    /**
     * The write ended with {@code written} holding bytes with this sha512: returns the object the image is to point
     * at, the content's (for a dedup store) or {@code written} itself.
     */
    StoredObject adopt(Write write, StoredObject written, String sha512) {
        if (write.entry() == null) {
            return written;
        }
        checkpoints.reached(Step.WRITTEN);
        URI content = index().claim(write.store().id(), sha512, written.size(), written.location(), write.image());
        checkpoints.reached(Step.CLAIMED);
        return content.equals(written.location()) ? written : new StoredObject(content, written.size(), Map.of());
    }

    /**
     * After the image points at its object, or after a failure undid the image's reference ({@link #release}):
     * deletes the written copy unless it is the content's object, and forgets the journal entry. A failure to
     * delete keeps the entry, so the next start tries again.
     */
    void finish(Write write) {
        if (write.entry() == null) {
            return;
        }
        checkpoints.reached(Step.ACTIVATED);
        if (deleteUnlessCounted(write.store(), write.location())) {
            index().forget(write.entry());
        }
    }

    /**
     * The image no longer points at {@code location} in a dedup store: drops its reference, deleting the object when
     * it was the last one. An object the index never registered (written before the store deduplicated) is deleted
     * as before.
     *
     * @return empty when done, else why the object is still there
     */
    Optional<String> release(ConfiguredStore store, URI location, ImageId image) {
        ContentIndex.Release release = index().release(store.id(), location, image);
        if (!release.registered()) {
            return deleteObject(store, location);
        }
        if (release.deletion().isEmpty()) {
            return Optional.empty();
        }
        checkpoints.reached(Step.RELEASED);
        Optional<String> left = deleteObject(store, location);
        if (left.isEmpty()) {
            index().forget(release.deletion().get());
        }
        return left;
    }

    /**
     * Replays what a crash interrupted (call at start, before serving): the journalled objects of this node, and the
     * references whose image no longer points at their object.
     *
     * @return how many journal entries and stale references were dealt with
     */
    public int recover() {
        if (index == null) {
            return 0;
        }
        int done = 0;
        for (ContentIndex.JournalEntry entry : index.journal()) {
            ConfiguredStore store;
            try {
                store = stores.store(entry.storeId());
            } catch (RuntimeException e) {
                LOG.warning("Dedup journal entry " + entry.id() + " names store " + entry.storeId()
                        + ", which is not configured now; kept for a later start");
                continue;
            }
            // The image's references count only where the image came to point at the object; the others go.
            for (URI content : index.referencedBy(store.id(), entry.image())) {
                if (!index.pointsAt(entry.image(), content)) {
                    release(store, content, entry.image());
                }
            }
            if (deleteUnlessCounted(store, entry.location())) {
                index.forget(entry.id());
                done++;
            }
        }
        for (ContentIndex.Reference stale : index.staleReferences()) {
            try {
                release(stores.store(stale.storeId()), stale.location(), stale.image());
                done++;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Reference of image " + stale.image() + " to " + stale.location()
                        + " could not be dropped; tried again at the next start", e);
            }
        }
        if (done > 0) {
            LOG.info("Dedup recovery: " + done + " interrupted writes, deletes and stale references dealt with");
        }
        return done;
    }

    /** @return whether the object is gone or counted, i.e. the journal entry can go */
    private boolean deleteUnlessCounted(ConfiguredStore store, URI location) {
        if (index().references(store.id(), location) > 0) {
            return true;
        }
        return deleteObject(store, location).isEmpty();
    }

    private Optional<String> deleteObject(ConfiguredStore store, URI location) {
        try {
            store.driver().delete(location);
        } catch (ObjectNotFoundException e) {
            // Already gone: what we wanted.
        } catch (StoreException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "Object " + location + " in store " + store.id() + " was not deleted", e);
            return Optional.of(location + ": " + e.getMessage());
        }
        return Optional.empty();
    }

    private ContentIndex index() {
        if (index == null) {
            throw new IllegalStateException("a store has dedup: true but glance-api keeps no content index");
        }
        return index;
    }

    /**
     * One write into a store: the name to give the driver, and for a dedup store the journalled location and entry
     * ({@code null} otherwise).
     */
    record Write(ConfiguredStore store, ImageId image, String name, URI location, String entry) {
    }
}

package io.glance.application;

import io.glance.domain.ConflictException;
import io.glance.domain.Image;
import io.glance.ports.out.ImageRepository;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * Read-modify-write of one image with optimistic concurrency: read the current version, apply the change to it, and
 * save it only if nobody changed the image meanwhile ({@link ImageRepository#updateIfUnchanged}); when somebody did,
 * read again and apply the change to the new version. So concurrent changes of different attributes are all kept, and
 * every rule (status, ownership, formats) is decided on the version actually written over.
 */
final class OptimisticUpdate {
    /** Enough for a burst of concurrent writers to one image: every round of the race has a winner. */
    static final int ATTEMPTS = 16;

    private OptimisticUpdate() {
    }

    /** As {@link #apply(ImageRepository, Supplier, UnaryOperator)}, starting from a version the caller already read. */
    static Image apply(ImageRepository repository, Image firstRead, Supplier<Image> read, UnaryOperator<Image> change) {
        requireNonNull(firstRead, "firstRead is null");
        requireNonNull(read, "read is null");
        Image[] next = {firstRead};
        return apply(repository, () -> {
            Image image = next[0];
            next[0] = null;
            return image != null ? image : read.get();
        }, change);
    }

    /**
     * @param read   loads the current version (and checks the caller's rights); called once per attempt
     * @param change the new version from the current one, or the same instance when there is nothing to save; its
     *               domain exceptions (403, 409, …) end the update
     * @return the stored image
     * @throws ConflictException when the image kept changing under every attempt
     */
    static Image apply(ImageRepository repository, Supplier<Image> read, UnaryOperator<Image> change) {
        requireNonNull(repository, "repository is null");
        requireNonNull(read, "read is null");
        requireNonNull(change, "change is null");
        for (int attempt = 1; ; attempt++) {
            Image current = read.get();
            Image changed = change.apply(current);
            if (changed == current) {
                return current;
            }
            try {
                return repository.updateIfUnchanged(current, changed);
            } catch (ConflictException lostRace) {
                if (attempt == ATTEMPTS) {
                    throw new ConflictException("Image " + current.id() + " changed under " + ATTEMPTS
                            + " attempts to update it; retry", lostRace);
                }
                // A little jitter, so that the writers that lost this round do not collide again in lockstep.
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(TimeUnit.MILLISECONDS.toNanos(attempt)));
            }
        }
    }
}

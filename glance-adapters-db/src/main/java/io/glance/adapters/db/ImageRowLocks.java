package io.glance.adapters.db;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Makes the writers of one image's row take turns inside this process, for H2 only.
 *
 * <p>On H2 2.5 {@code SELECT ... FOR UPDATE} does not always keep a second transaction out: under load two
 * transactions now and then both read the same version of the row "locked", both pass the compare of
 * {@code updateIfUnchanged}, and the second write either silently replaces the first (a lost update: eight writers
 * of different properties, one missing, 1 run in 300) or fails inside H2 with "Row not found when trying to delete
 * from index ix_images_updated_at", after which no update of that image succeeded for a minute. An embedded H2 file
 * is opened by exactly one process (H2 locks the file), so a lock here sees every writer. MariaDB's row locks work
 * and need none: there this is a pass-through, and several glance-api nodes may share the database.
 */
final class ImageRowLocks {
    /** Enough stripes that writers of different images rarely wait for each other. */
    private static final int STRIPES = 64;
    private final ReentrantLock[] stripes;

    private ImageRowLocks(ReentrantLock[] stripes) {
        this.stripes = stripes;
    }

    static ImageRowLocks forUrl(String jdbcUrl) {
        if (!JdbcUrls.isH2(jdbcUrl)) {
            return new ImageRowLocks(null);
        }
        ReentrantLock[] stripes = new ReentrantLock[STRIPES];
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
        return new ImageRowLocks(stripes);
    }

    /** Runs {@code write} (a whole transaction, committed before this returns) while no other writer of the image runs. */
    <T> T holding(String imageId, Supplier<T> write) {
        if (stripes == null) {
            return write.get();
        }
        ReentrantLock lock = stripes[Math.floorMod(imageId.hashCode(), STRIPES)];
        lock.lock();
        try {
            return write.get();
        } finally {
            lock.unlock();
        }
    }
}

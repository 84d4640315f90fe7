package com.example.glance.cas;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * How many pointers name each blob, and the locks that keep those counts true. Everything that creates or removes
 * a blob or a pointer runs under the lock of the blob's digest, so a blob is never deleted while a pointer to it is
 * being published, and two uploads of the same content never race to create it. Uploads of different content take
 * different locks (striped by digest) and proceed in parallel; only the short publish step is locked, not the
 * streaming. The counts start from the index ({@link StoreDirectory#recover()}) and live only in memory, which is
 * why a root has a single owner.
 */
final class BlobReferences {
    private static final int STRIPES = 64;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    BlobReferences() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** Runs {@code action} holding the lock of {@code digest}. ReentrantLock, not synchronized: no pinned threads. */
    <T> T locked(String digest, Supplier<T> action) {
        ReentrantLock lock = locks[Math.floorMod(digest.hashCode(), STRIPES)];
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    int count(String digest) {
        return counts.getOrDefault(digest, 0);
    }

    /** One more pointer names {@code digest}; call with its lock held (or before the driver is shared). */
    void add(String digest) {
        counts.merge(digest, 1, Integer::sum);
    }

    /** One pointer fewer names {@code digest}; call with its lock held. Returns how many remain. */
    int remove(String digest) {
        Integer remaining = counts.computeIfPresent(digest, (key, count) -> count > 1 ? count - 1 : null);
        return remaining == null ? 0 : remaining;
    }
}

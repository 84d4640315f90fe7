package io.glance.store.tck;

import io.glance.store.spi.DuplicateObjectException;
import io.glance.store.spi.ObjectData;
import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoredObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drivers are shared by all requests: concurrent writers of different images must not disturb each other, and of
 * concurrent writers of the same image exactly one may win.
 */
public interface ConcurrencyTck extends TckFixture {

    int THREADS = 8;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    default void concurrentWritersOfDifferentImages() throws Exception {
        List<String> before = storedNames();
        List<String> imageIds = new ArrayList<>();
        List<Callable<StoredObject>> writers = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            String imageId = newImageId();
            long size = objectSize(i);
            long seed = 100 + i;
            imageIds.add(imageId);
            writers.add(() -> write(imageId, size, seed));
        }

        List<StoredObject> stored = runTogether(writers);

        for (int i = 0; i < THREADS; i++) {
            assertContent(stored.get(i).location(), objectSize(i), 100 + i);
        }
        if (supports(StoreCapability.WRITE)) {
            assertThat(storedNames()).as("names after %s concurrent puts", THREADS).hasSize(before.size() + THREADS);
        }
    }

    /** Two clients uploading the same image at once: one object wins whole, the others are told it exists. */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    default void concurrentWritersOfTheSameImage() throws Exception {
        String imageId = newImageId();
        if (!supports(StoreCapability.WRITE)) {
            assertUnsupported(StoreCapability.WRITE,
                    () -> driver().put(imageId, new PatternInputStream(10, 1), 10));
            return;
        }
        List<String> before = storedNames();
        List<Callable<StoredObject>> writers = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            long seed = 200 + i;
            writers.add(() -> {
                try {
                    return driver().put(imageId, new PatternInputStream(objectSize(0), seed), objectSize(0));
                } catch (DuplicateObjectException e) {
                    return null; // lost the race, as all but one writer must
                }
            });
        }

        List<StoredObject> results = runTogether(writers);

        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            if (results.get(i) != null) {
                winners.add(i);
            }
        }
        assertThat(winners).as("writers that succeeded").hasSize(1);
        assertThat(storedNames()).as("names after concurrent puts of one image").hasSize(before.size() + 1);
        int winner = winners.get(0);
        assertContent(results.get(winner).location(), objectSize(0), 200 + winner);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    default void concurrentReadersOfTheSameObject() throws Exception {
        long size = 3L * 1024 * 1024 + 5;
        StoredObject stored = write(newImageId(), size, 300);
        if (!supports(StoreCapability.READ)) {
            assertUnsupported(StoreCapability.READ, () -> driver().get(stored.location(), null));
            return;
        }
        List<Callable<Digests.Content>> readers = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            readers.add(() -> {
                ObjectData data = driver().get(stored.location(), null);
                try (InputStream stream = data.stream()) {
                    return Digests.of(stream);
                }
            });
        }

        List<Digests.Content> contents = runTogether(readers);

        assertThat(contents).containsOnly(Digests.ofPattern(size, 300));
    }

    /** Sizes differ per writer so that writers finish at different times and interleave. */
    private static long objectSize(int writer) {
        return 1024L * 1024 + writer * 7919L;
    }

    /** Starts all tasks at the same moment and returns their results in order, rethrowing the first failure. */
    private static <T> List<T> runTogether(List<Callable<T>> tasks)
            throws InterruptedException, IOException, TimeoutException {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(tasks.size())) {
            for (Callable<T> task : tasks) {
                futures.add(executor.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    results.add(future.get(4, TimeUnit.MINUTES));
                } catch (ExecutionException e) {
                    throw new AssertionError("a concurrent task failed: " + e.getCause(), e.getCause());
                }
            }
            return results;
        }
    }
}

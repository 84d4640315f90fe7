package io.glance.testing.repository;

import io.glance.domain.ConflictException;
import io.glance.domain.Image;
import io.glance.domain.ImageStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.glance.testing.repository.TestImages.T0;
import static io.glance.testing.repository.TestImages.id;
import static io.glance.testing.repository.TestImages.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Races: of many requests that read the same state, exactly one may act on it. */
public interface ConcurrentUpdateContract extends RepositoryFixture {
    int RACERS = 8;

    @Test
    default void ofEightUploadsStartingTogetherExactlyOneMovesQueuedToSaving() throws Exception {
        Image queued = store(image(1).diskFormat("raw").containerFormat("bare"));

        List<String> outcomes = race(racer -> {
            Image saving = queued.toBuilder().name("winner-" + racer).build().startUpload(T0.plusSeconds(racer));
            repository().update(saving, ImageStatus.QUEUED);
            return "won";
        });

        assertThat(outcomes).filteredOn("won"::equals).hasSize(1);
        assertThat(outcomes).filteredOn("conflict"::equals).hasSize(RACERS - 1);
        Image stored = repository().findById(id(1)).orElseThrow();
        assertThat(stored.status()).isEqualTo(ImageStatus.SAVING);
        assertThat(stored.name()).startsWith("winner-");
    }

    @Test
    default void ofEightCreatesOfOneIdExactlyOneSucceeds() throws Exception {
        List<String> outcomes = race(racer -> {
            store(image(1).name("creator-" + racer));
            return "won";
        });

        assertThat(outcomes).filteredOn("won"::equals).hasSize(1);
        assertThat(outcomes).filteredOn("conflict"::equals).hasSize(RACERS - 1);
    }

    @Test
    default void ofTwoChangesFromTheSameVersionTheSecondConflictsAndChangesNothing() {
        Image read = store(image(1));
        repository().updateIfUnchanged(read, read.toBuilder().properties(Map.of("first", "1")).build());

        assertThatThrownBy(() -> repository().updateIfUnchanged(read,
                read.toBuilder().properties(Map.of("second", "2")).build()))
                .isInstanceOf(ConflictException.class).hasMessageContaining(read.id().value());
        assertThat(repository().findById(id(1)).orElseThrow().properties()).containsOnlyKeys("first");
    }

    @Test
    default void eightWritersOfDifferentPropertiesRetryingOnConflictLoseNothing() throws Exception {
        store(image(1));

        List<String> outcomes = race(racer -> {
            for (int attempt = 0; attempt < 100; attempt++) {
                Image read = repository().findById(id(1)).orElseThrow();
                Map<String, String> properties = new HashMap<>(read.properties());
                properties.put("writer-" + racer, Integer.toString(racer));
                try {
                    repository().updateIfUnchanged(read, read.toBuilder().properties(properties)
                            .updatedAt(T0.plusSeconds(racer)).build());
                    return "won";
                } catch (ConflictException lostRace) {
                    // read the new version and apply the change again
                }
            }
            return "gave up";
        });

        assertThat(outcomes).containsOnly("won");
        Map<String, String> stored = repository().findById(id(1)).orElseThrow().properties();
        for (int racer = 0; racer < RACERS; racer++) {
            assertThat(stored).containsEntry("writer-" + racer, Integer.toString(racer));
        }
    }

    /** Runs {@link #RACERS} attempts released at the same instant; a ConflictException counts as "conflict". */
    private List<String> race(Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> futures = new ArrayList<>();
            for (int racer = 0; racer < RACERS; racer++) {
                int number = racer;
                Callable<String> task = () -> {
                    start.await();
                    try {
                        return attempt.run(number);
                    } catch (ConflictException e) {
                        return "conflict";
                    }
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> future : futures) {
                outcomes.add(future.get(60, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    interface Attempt {
        String run(int racer) throws Exception;
    }
}

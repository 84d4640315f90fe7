package io.glance.adapters.db;

import io.glance.domain.ConflictException;
import io.glance.domain.NotFoundException;
import io.glance.domain.task.Task;
import io.glance.domain.task.TaskStatus;
import io.glance.ports.out.TaskRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every database must show through {@link TaskRepository}. A database joins by extending this class and opening
 * a fresh, empty, migrated {@link GlanceDatabase} per test.
 */
abstract class TaskRepositoryContractTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String IMAGE = "7f0b7d2c-0b0e-4a3f-9d57-1f2a3b4c5d6e";

    private GlanceDatabase database;

    protected abstract GlanceDatabase openDatabase() throws Exception;

    @BeforeEach
    void openFreshDatabase() throws Exception {
        database = openDatabase();
    }

    @AfterEach
    void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }

    protected GlanceDatabase database() {
        return database;
    }

    private TaskRepository tasks() {
        return database.tasks();
    }

    private static Task task(String id, Instant created, String worker) {
        return Task.pending(id, Task.API_IMAGE_IMPORT, "project-a", IMAGE, "req-" + id, "user-1",
                "{\"image_id\": \"" + IMAGE + "\", \"import_req\": {\"method\": {\"name\": \"glance-direct\"}}}",
                worker, created);
    }

    @Test
    void aCreatedTaskIsFoundWithEveryField() {
        Task task = task("11111111-1111-1111-1111-111111111111", T0, "node-1");
        tasks().create(task);
        assertThat(tasks().findById(task.id())).contains(task);
        assertThatThrownBy(() -> tasks().create(task)).isInstanceOf(ConflictException.class);
    }

    @Test
    void anUpdateHappensOnlyFromTheExpectedStatus() {
        Task task = task("22222222-2222-2222-2222-222222222222", T0, "node-1");
        tasks().create(task);
        Task processing = tasks().update(task.processing(T0.plusSeconds(1)), TaskStatus.PENDING);
        assertThatThrownBy(() -> tasks().update(task.fail("late", T0.plusSeconds(2), Duration.ofHours(1)),
                TaskStatus.PENDING)).isInstanceOf(ConflictException.class).hasMessageContaining("processing");
        Task done = tasks().update(processing.succeed("{\"image_id\": \"" + IMAGE + "\"}", T0.plusSeconds(3),
                Duration.ofHours(48)), TaskStatus.PROCESSING);
        assertThat(tasks().findById(task.id())).contains(done);
        assertThat(done.expiresAt()).isEqualTo(T0.plusSeconds(3).plus(Duration.ofHours(48)));
        assertThatThrownBy(() -> tasks().update(task("33333333-3333-3333-3333-333333333333", T0, "x"),
                TaskStatus.PENDING)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void listsByImageByFiltersAndUnfinishedByWorker() {
        Task first = task("44444444-4444-4444-4444-444444444444", T0, "node-1");
        Task second = task("55555555-5555-5555-5555-555555555555", T0.plusSeconds(10), "node-2");
        tasks().create(first);
        tasks().create(second);
        tasks().update(second.fail("broken", T0.plusSeconds(11), Duration.ofHours(1)), TaskStatus.PENDING);
        assertThat(tasks().listForImage(IMAGE)).extracting(Task::id).containsExactly(first.id(), second.id());
        assertThat(tasks().list(null, null, "created_at", false)).extracting(Task::id)
                .containsExactly(second.id(), first.id());
        assertThat(tasks().list(TaskStatus.FAILURE, Task.API_IMAGE_IMPORT, "created_at", true))
                .extracting(Task::id).containsExactly(second.id());
        assertThat(tasks().listUnfinished("node-1")).extracting(Task::id).containsExactly(first.id());
        assertThat(tasks().listUnfinished("node-2")).isEmpty();
    }

    @Test
    void expiredTasksAreDeleted() {
        Task task = task("66666666-6666-6666-6666-666666666666", T0, "node-1");
        tasks().create(task);
        tasks().update(task.fail("gone", T0, Duration.ofHours(1)), TaskStatus.PENDING);
        assertThat(tasks().deleteExpired(T0.plus(Duration.ofMinutes(59)))).isZero();
        assertThat(tasks().deleteExpired(T0.plus(Duration.ofHours(1)))).isEqualTo(1);
        assertThat(tasks().findById(task.id())).isEmpty();
        assertThat(tasks().listForImage(IMAGE)).isEmpty();
    }
}

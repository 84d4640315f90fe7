package io.glance.server.registry;

import io.glance.adapters.db.DatabaseSettings;
import io.glance.adapters.db.GlanceDatabase;
import io.glance.domain.ConflictException;
import io.glance.domain.task.Task;
import io.glance.domain.task.TaskStatus;
import io.glance.ports.out.TaskRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * glance-api's task repository with {@code data_api: registry}: the registry client → HTTP → glance-registry's
 * {@code /tasks} → the task repository of a fresh H2 database. Every field survives the trip, the status-conditional
 * update keeps its 409, and the lists and the expiry purge answer as the database's own.
 */
class RegistryClientTasksTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String IMAGE = "7f0b7d2c-0b0e-4a3f-9d57-1f2a3b4c5d6e";

    @TempDir
    Path dataDir;
    private GlanceDatabase database;
    private RegistryInTheMiddle registry;
    private TaskRepository tasks;

    @BeforeEach
    void startRegistry() {
        database = GlanceDatabase.open(DatabaseSettings.embeddedH2(dataDir));
        registry = new RegistryInTheMiddle(database.repository(), database.members(), database.tasks());
        tasks = registry.client().tasks();
    }

    @AfterEach
    void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private static Task task(String id, Instant created, String worker, String type) {
        return Task.pending(id, type, "project-a", IMAGE, "req-" + id, "user-1",
                "{\"image_id\": \"" + IMAGE + "\", \"import_req\": {\"method\": {\"name\": \"glance-direct\"}}}",
                worker, created);
    }

    @Test
    void tasksTravelWholeAndUpdatesKeepTheirPrecondition() {
        Task task = task("11111111-1111-1111-1111-111111111111", T0, "node-1", Task.API_IMAGE_IMPORT);
        tasks.create(task);
        assertThat(tasks.findById(task.id())).contains(task);
        assertThat(tasks.findById("00000000-0000-0000-0000-000000000000")).isEmpty();
        assertThatThrownBy(() -> tasks.create(task)).isInstanceOf(ConflictException.class);

        Task processing = tasks.update(task.processing(T0.plusSeconds(1)), TaskStatus.PENDING);
        assertThatThrownBy(() -> tasks.update(task.fail("late", T0.plusSeconds(2), Duration.ofHours(1)),
                TaskStatus.PENDING)).isInstanceOf(ConflictException.class);
        Task done = tasks.update(processing.succeed("{\"image_id\": \"" + IMAGE + "\"}", T0.plusSeconds(3),
                Duration.ofHours(1)), TaskStatus.PROCESSING);
        assertThat(tasks.findById(task.id())).contains(done);
    }

    @Test
    void listsAndExpiryAnswerAsTheDatabase() {
        Task first = task("22222222-2222-2222-2222-222222222222", T0, "node-1", Task.API_IMAGE_IMPORT);
        Task second = task("33333333-3333-3333-3333-333333333333", T0.plusSeconds(5), "node-2", "import");
        tasks.create(first);
        tasks.create(second);
        tasks.update(first.processing(T0.plusSeconds(1)).fail("broken", T0.plusSeconds(2), Duration.ofSeconds(10)),
                TaskStatus.PENDING);

        assertThat(tasks.listForImage(IMAGE)).extracting(Task::id).containsExactly(first.id(), second.id());
        assertThat(tasks.list(null, null, "created_at", false)).extracting(Task::id)
                .containsExactly(second.id(), first.id());
        assertThat(tasks.list(TaskStatus.FAILURE, null, "created_at", true)).extracting(Task::id)
                .containsExactly(first.id());
        assertThat(tasks.list(null, "import", "created_at", true)).extracting(Task::id).containsExactly(second.id());
        assertThat(tasks.listUnfinished("node-2")).extracting(Task::id).containsExactly(second.id());
        assertThat(tasks.listUnfinished("node-1")).isEmpty();

        assertThat(tasks.deleteExpired(T0.plusSeconds(11))).isZero();
        assertThat(tasks.deleteExpired(T0.plusSeconds(12))).isEqualTo(1);
        assertThat(tasks.findById(first.id())).isEmpty();
        assertThat(tasks.listForImage(IMAGE)).extracting(Task::id).containsExactly(second.id());
    }
}

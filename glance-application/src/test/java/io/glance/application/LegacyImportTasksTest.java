package io.glance.application;

import io.glance.domain.ForbiddenException;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import io.glance.domain.InvalidInputException;
import io.glance.domain.task.Task;
import io.glance.domain.task.TaskStatus;
import io.glance.ports.in.CreateImageCommand;
import io.glance.ports.in.LegacyImportCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static io.glance.application.Services.ADMIN;
import static io.glance.application.Services.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Legacy POST /v2/tasks of type import over the in-memory fakes: Glance's base_import flow and its revert. */
class LegacyImportTasksTest {
    private final ImportFixture fixture = new ImportFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private static LegacyImportCommand command(String url, String name) {
        return new LegacyImportCommand(url, "raw", new CreateImageCommand(null, name, null, null, null, null, null,
                "raw", "bare", null, false, List.of(), Map.of("os_distro", "cirros")),
                "{\"import_from\": \"" + url + "\"}");
    }

    @Test
    void anAdminsTaskCreatesTheImageInTheAdminsProjectAndFillsIt() {
        byte[] data = TestData.bytes(120_000);
        fixture.web.put(URI.create("http://mirror/disk.img"), data);

        Task task = fixture.imports().createImportTask(ADMIN, command("http://mirror/disk.img", "from-mirror"));
        assertThat(task.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(task.type()).isEqualTo("import");
        assertThat(task.owner()).isEqualTo(ADMIN.projectId());
        assertThat(task.input()).contains("http://mirror/disk.img");

        Task ended = fixture.finished(task);
        assertThat(ended.status()).as(ended.message()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(ended.result()).isEqualTo("{\"image_id\": \"" + task.imageId() + "\"}");
        // The empty store lists of the shared flow go right after the task's end (legacy tasks never show them).
        Image image = ImportFixture.await(() -> {
            Image now = fixture.stored(new ImageId(task.imageId()));
            return now.properties().containsKey(ImportProperties.IMPORTING_TO_STORES) ? null : now;
        });
        assertThat(image.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(image.owner()).isEqualTo(ADMIN.projectId());
        assertThat(image.name()).isEqualTo("from-mirror");
        assertThat(image.size()).isEqualTo(data.length);
        assertThat(image.properties()).containsEntry("os_distro", "cirros")
                .doesNotContainKeys(ImportProperties.IMPORT_TASK, ImportProperties.IMPORTING_TO_STORES,
                        ImportProperties.FAILED_IMPORT);
        assertThat(fixture.staging.staged()).isEmpty();
    }

    @Test
    void aFailedFetchFailsTheTaskAndDeletesTheImageItCreated() {
        Task task = fixture.imports().createImportTask(ADMIN, command("http://mirror/missing.img", "missing"));

        Task ended = fixture.finished(task);
        assertThat(ended.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(ended.message()).contains("http://mirror/missing.img").contains("404");
        ImageId id = new ImageId(task.imageId());
        // Deleted before the task showed failure: a client polling the task never finds the image afterwards.
        assertThat(fixture.stored(id).status()).isEqualTo(ImageStatus.DELETED);
        assertThat(fixture.store.objectCount()).isZero();
        assertThat(fixture.staging.staged()).isEmpty();
    }

    @Test
    void refusedUrlsAndNonAdminsCreateNoTask() {
        assertThatThrownBy(() -> fixture.imports().createImportTask(ADMIN, command("http://blocked/x.img", "x")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("URI for legacy import task does not pass filtering: http://blocked/x.img");
        assertThatThrownBy(() -> fixture.imports().createImportTask(ADMIN, command("ftp://mirror/x.img", "x")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("ftp://mirror/x.img");
        assertThatThrownBy(() -> fixture.imports().createImportTask(ADMIN, command("file:///etc/passwd", "x")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("File based imports are not allowed");
        assertThatThrownBy(() -> fixture.imports().createImportTask(ALICE, command("http://mirror/x.img", "x")))
                .isInstanceOf(ForbiddenException.class);
        assertThat(fixture.tasks.list(null, null, "created_at", true)).isEmpty();
    }

    @Test
    void aTaskInterruptedByAStopFailsAndItsImageIsDeleted() {
        // The task as a stop left it: its image created and locked, the task processing.
        Task task = Task.pending("9d1c0a4e-0000-4000-8000-000000000001", LegacyImportTasks.TYPE, ADMIN.projectId(),
                null, "req-1", null, "{}", "node-1", fixture.clock.instant());
        ImageId id = fixture.services.catalog().create(ADMIN, new CreateImageCommand(null, "half", null, null, null,
                null, null, "raw", "bare", null, false, List.of(), Map.of())).id();
        task = new Task(task.id(), task.type(), TaskStatus.PROCESSING, task.owner(), id.value(), task.requestId(),
                null, task.input(), null, "", task.createdAt(), task.updatedAt(), null, "node-1");
        fixture.tasks.create(task);
        Image image = fixture.stored(id);
        fixture.repository.update(ImportProperties.withLock(image, task.id()).toBuilder()
                .status(ImageStatus.IMPORTING).build(), ImageStatus.QUEUED);

        assertThat(fixture.services.recoverInterruptedImports()).isEqualTo(1);

        assertThat(fixture.tasks.findById(task.id()).orElseThrow().status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(fixture.stored(id).status()).isEqualTo(ImageStatus.DELETED);
    }
}

package io.glance.application;

import io.glance.domain.ConflictException;
import io.glance.domain.Image;
import io.glance.domain.ImageChecksums;
import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import io.glance.domain.InvalidInputException;
import io.glance.domain.LimitExceededException;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.domain.task.Task;
import io.glance.domain.task.TaskStatus;
import io.glance.ports.in.TaskQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import static io.glance.application.Services.ALICE;
import static io.glance.application.Services.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stage, POST /import and the import flow over the in-memory fakes (spec §2 to §5). */
class ImportTest {
    private ImportFixture fixture = new ImportFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private ImageId queued(RequestContext owner) {
        return fixture.services.catalog().create(owner, Services.command("img")).id();
    }

    private ImageId queuedWithFormats(RequestContext owner) {
        return fixture.services.catalog().create(owner, new io.glance.ports.in.CreateImageCommand(null, "img", null,
                null, null, null, null, "raw", "bare", null, false, List.of(), java.util.Map.of())).id();
    }

    private void stage(ImageId id, byte[] data) {
        fixture.imports().stage(ALICE, id, new ByteArrayInputStream(data), -1);
    }

    @Test
    void glanceDirectWalksQueuedUploadingImportingActive() {
        ImageId id = queuedWithFormats(ALICE);
        byte[] data = TestData.bytes(300_000);

        stage(id, data);
        Image staged = fixture.stored(id);
        assertThat(staged.status()).isEqualTo(ImageStatus.UPLOADING);
        assertThat(staged.size()).isEqualTo(data.length);
        assertThat(fixture.staging.size(id)).hasValue(data.length);

        Task task = fixture.imports().importImage(ALICE, id, ImportFixture.method("glance-direct")).orElseThrow();
        assertThat(task.requestId()).isEqualTo(ALICE.requestId());
        assertThat(task.input()).contains("\"import_req\": {\"method\": {\"name\": \"glance-direct\"}}");
        Task done = fixture.finished(task);

        assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(done.result()).isEqualTo("{\"image_id\": \"" + id + "\"}");
        assertThat(done.expiresAt()).isEqualTo(done.updatedAt().plus(Duration.ofHours(48)));
        Image active = fixture.stored(id);
        assertThat(active.status()).isEqualTo(ImageStatus.ACTIVE);
        assertThat(active.checksums()).isEqualTo(new ImageChecksums(TestData.hex("MD5", data), "sha512",
                TestData.hex("SHA-512", data)));
        assertThat(active.locations()).singleElement().satisfies(l -> assertThat(l.storeId()).isEqualTo("memory"));
        assertThat(active.properties()).doesNotContainKey(ImportProperties.IMPORT_TASK)
                .containsEntry(ImportProperties.IMPORTING_TO_STORES, "")
                .containsEntry(ImportProperties.FAILED_IMPORT, "");
        assertThat(fixture.staging.size(id)).isEmpty();
        assertThat(fixture.imports().imageTasks(ALICE, id)).extracting(Task::id).containsExactly(task.id());
        assertThatThrownBy(() -> fixture.imports().imageTasks(BOB, id)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void stageRefusalsLeaveTheImageQueuedAndNothingStaged() {
        fixture.close();
        fixture = new ImportFixture(new UploadLimits(1000), ImportSettings.defaults());
        ImageId id = queued(ALICE);

        assertThatThrownBy(() -> stage(id, TestData.bytes(1001))).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("1000");
        assertThat(fixture.stored(id).status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(fixture.staging.size(id)).isEmpty();

        stage(id, TestData.bytes(10));
        assertThatThrownBy(() -> stage(id, TestData.bytes(10))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("uploading");
        assertThat(fixture.staging.size(id)).hasValue(10);
    }

    @Test
    void stageIsNotFoundWithoutGlanceDirect() {
        fixture.close();
        fixture = new ImportFixture(UploadLimits.defaults(),
                ImportSettings.defaults().withEnabledMethods(List.of("web-download")));
        ImageId id = queued(ALICE);
        assertThatThrownBy(() -> stage(id, TestData.bytes(10))).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("glance-direct");
        assertThatThrownBy(() -> fixture.imports().importImage(ALICE, id, ImportFixture.method("glance-direct")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("glance-direct");
    }

    @Test
    void importChecksComeInGlancesOrder() {
        ImageId id = queued(ALICE);
        // Not staged: 409 before anything about formats.
        assertThatThrownBy(() -> fixture.imports().importImage(ALICE, id, ImportFixture.method("glance-direct")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("staged");
        // Staged, but no formats: 409 too (not 400).
        stage(id, TestData.bytes(10));
        assertThatThrownBy(() -> fixture.imports().importImage(ALICE, id, ImportFixture.method("glance-direct")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("container_format");
        // Another project's private image: 404.
        assertThatThrownBy(() -> fixture.imports().importImage(BOB, id, ImportFixture.method("glance-direct")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fixture.imports().importImage(ALICE, id, ImportFixture.method("glance-download")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("glance-download");
        // web-download's URI is filtered before a task is made.
        ImageId other = queuedWithFormats(ALICE);
        assertThatThrownBy(() -> fixture.imports().importImage(ALICE, other,
                ImportFixture.webDownload("http://blocked/x"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("does not pass filtering: http://blocked/x");
        assertThat(fixture.tasks.listForImage(other.value())).isEmpty();
    }

    @Test
    void aHeldLockIsAConflictAndAStaleOneIsTaken() {
        ImageId id = queuedWithFormats(ALICE);
        URI uri = URI.create("http://example.org/disk.img");
        fixture.web.put(uri, TestData.bytes(100));
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        fixture.steps.add(new ImportStep() {
            @Override
            public String name() {
                return "wait";
            }

            @Override
            public void apply(Context context) throws Exception {
                release.await();
            }
        });
        Task first = fixture.imports().importImage(ALICE, id, ImportFixture.webDownload(uri.toString())).orElseThrow();
        assertThat(fixture.stored(id).status()).isEqualTo(ImageStatus.IMPORTING);
        assertThat(fixture.stored(id).properties()).containsEntry(ImportProperties.IMPORT_TASK, first.id())
                .containsEntry(ImportProperties.IMPORTING_TO_STORES, "memory");
        // While the first holds the lock, the image is importing: Glance answers the status check first.
        assertThatThrownBy(() -> fixture.imports().importImage(ALICE, id, ImportFixture.webDownload(uri.toString())))
                .isInstanceOf(ConflictException.class);
        release.countDown();
        assertThat(fixture.finished(first).status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(fixture.stored(id).status()).isEqualTo(ImageStatus.ACTIVE);
    }

    @Test
    void theStepsSeeTheRolesOfTheCallerWhoAskedForTheImport() {
        ImageId id = queuedWithFormats(ALICE);
        java.util.concurrent.atomic.AtomicReference<java.util.Set<String>> seen =
                new java.util.concurrent.atomic.AtomicReference<>();
        fixture.steps.add(new ImportStep() {
            @Override
            public String name() {
                return "roles";
            }

            @Override
            public void apply(Context context) {
                seen.set(context.callerRoles());
            }
        });
        stage(id, TestData.bytes(100));

        Task task = fixture.imports().importImage(ALICE, id, ImportFixture.method("glance-direct")).orElseThrow();

        assertThat(fixture.finished(task).status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(seen.get()).isEqualTo(ALICE.roles()).isNotEmpty();
    }

    @Test
    void aFailingStepRevertsTheImportCompletely() {
        ImageId id = queuedWithFormats(ALICE);
        stage(id, TestData.bytes(1000));
        fixture.steps.add(new ImportStep() {
            @Override
            public String name() {
                return "refuse";
            }

            @Override
            public void apply(Context context) {
                throw new InvalidInputException("qcow2 backing file refused");
            }
        });
        Task task = fixture.imports().importImage(ALICE, id, ImportFixture.method("glance-direct")).orElseThrow();
        Task done = fixture.finished(task);

        assertThat(done.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(done.message()).isEqualTo("qcow2 backing file refused");
        Image image = fixture.stored(id);
        assertThat(image.status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(image.size()).isNull();
        assertThat(image.properties()).doesNotContainKey(ImportProperties.IMPORT_TASK)
                .containsEntry(ImportProperties.FAILED_IMPORT, "memory")
                .containsEntry(ImportProperties.IMPORTING_TO_STORES, "");
        assertThat(fixture.staging.size(id)).isEmpty();
        assertThat(fixture.store.objectCount()).isZero();
    }

    @Test
    void aStepMayReplaceTheStagedDataAndChangeTheImage() {
        ImageId id = queuedWithFormats(ALICE);
        stage(id, TestData.bytes(1000));
        byte[] converted = TestData.bytes(500);
        fixture.steps.add(new ImportStep() {
            @Override
            public String name() {
                return "convert";
            }

            @Override
            public void apply(Context context) throws Exception {
                context.replaceStagedData(fixture.staging.put("converted", converted));
                // ami, not qcow2: the data written to the store is inspected against the format the steps left,
                // and these bytes are raw data.
                context.updateImage(image -> image.toBuilder().diskFormat("ami").build());
            }
        });
        Task done = fixture.finished(fixture.imports().importImage(ALICE, id, ImportFixture.method("glance-direct"))
                .orElseThrow());
        assertThat(done.status()).isEqualTo(TaskStatus.SUCCESS);
        Image active = fixture.stored(id);
        assertThat(active.diskFormat()).isEqualTo("ami");
        assertThat(active.size()).isEqualTo(500);
        assertThat(active.checksums().md5()).isEqualTo(TestData.hex("MD5", converted));
    }

    @Test
    void webDownloadFailureListsTheStoreAsFailedAndQueuesTheImage() {
        ImageId id = queuedWithFormats(ALICE);
        Task done = fixture.finished(fixture.imports().importImage(ALICE, id,
                ImportFixture.webDownload("http://example.org/missing")).orElseThrow());
        assertThat(done.status()).isEqualTo(TaskStatus.FAILURE);
        assertThat(done.message()).contains("404");
        assertThat(fixture.stored(id).status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(fixture.stored(id).properties()).containsEntry(ImportProperties.FAILED_IMPORT, "memory");
    }

    @Test
    void anInterruptedTaskIsFailedAtStart() {
        ImageId id = queuedWithFormats(ALICE);
        stage(id, TestData.bytes(100));
        // What a kill -9 leaves: the lock and status taken, the task processing, the data staged.
        Task task = Task.pending("aaaaaaaa-0000-0000-0000-000000000001", Task.API_IMAGE_IMPORT, "alice",
                id.value(), "req-x", null, "{}", "node-1", fixture.clock.instant());
        fixture.tasks.create(task);
        fixture.tasks.update(task.processing(fixture.clock.instant()), TaskStatus.PENDING);
        Image image = fixture.stored(id);
        Image locked = ImportProperties.adding(ImportProperties.withLock(image, task.id()),
                ImportProperties.IMPORTING_TO_STORES, List.of("memory"));
        fixture.repository.update(locked.toBuilder().status(ImageStatus.IMPORTING).build(), ImageStatus.UPLOADING);

        assertThat(fixture.services.recoverInterruptedImports()).isEqualTo(1);

        assertThat(fixture.tasks.findById(task.id()).orElseThrow().status()).isEqualTo(TaskStatus.FAILURE);
        Image reverted = fixture.stored(id);
        assertThat(reverted.status()).isEqualTo(ImageStatus.QUEUED);
        assertThat(reverted.properties()).doesNotContainKey(ImportProperties.IMPORT_TASK)
                .containsEntry(ImportProperties.FAILED_IMPORT, "memory");
        assertThat(fixture.staging.size(id)).isEmpty();
    }

    @Test
    void theStartSweepKeepsStagedDataOfImportsOfOtherNodesOnly() throws Exception {
        ImageId gone = queuedWithFormats(ALICE);
        stage(gone, TestData.bytes(10));
        fixture.services.catalog().delete(ALICE, gone);
        fixture.staging.write(gone, new ByteArrayInputStream(TestData.bytes(10)));
        ImageId elsewhere = queuedWithFormats(ALICE);
        stage(elsewhere, TestData.bytes(10));
        // Another node's import holds this image (its task is not this node's, so the recovery leaves it alone).
        Image image = fixture.stored(elsewhere);
        fixture.repository.update(ImportProperties.withLock(image, "task-of-node-2").toBuilder()
                .status(ImageStatus.IMPORTING).build(), ImageStatus.UPLOADING);
        ImageId waiting = queuedWithFormats(ALICE);
        stage(waiting, TestData.bytes(10));

        assertThat(fixture.services.recoverInterruptedImports()).isZero();

        assertThat(fixture.staging.size(gone)).isEmpty();
        assertThat(fixture.staging.size(elsewhere)).hasValue(10);
        assertThat(fixture.staging.size(waiting)).hasValue(10);
    }

    @Test
    void theTasksApiIsForAdmins() {
        ImageId id = queuedWithFormats(ALICE);
        stage(id, TestData.bytes(10));
        Task task = fixture.finished(fixture.imports().importImage(ALICE, id, ImportFixture.method("glance-direct"))
                .orElseThrow());
        TaskQuery all = new TaskQuery(null, null, "created_at", false, null, 20);
        assertThatThrownBy(() -> fixture.imports().listTasks(ALICE, all))
                .isInstanceOf(io.glance.domain.ForbiddenException.class).hasMessageContaining("tasks_api_access");
        assertThat(fixture.imports().listTasks(Services.ADMIN, all)).extracting(Task::id).containsExactly(task.id());
        assertThat(fixture.imports().showTask(Services.ADMIN, task.id())).isEqualTo(task);
        fixture.clock.advance(Duration.ofHours(49));
        assertThatThrownBy(() -> fixture.imports().showTask(Services.ADMIN, task.id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(fixture.imports().listTasks(Services.ADMIN, all)).isEmpty();
        assertThat(fixture.imports().imageTasks(ALICE, id)).isEmpty();
    }
}

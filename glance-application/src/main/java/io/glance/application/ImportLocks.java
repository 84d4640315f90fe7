package io.glance.application;

import io.glance.domain.ConflictException;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import io.glance.domain.NotFoundException;
import io.glance.domain.task.Task;
import io.glance.domain.task.TaskStatus;
import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.TaskRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * The per-image import lock (spec §4): the id of the holding task in {@code os_glance_import_task}, set with a
 * compare-and-set on the whole image so that of two racing imports one wins. A lock is stale, and a new import may
 * take it, when its task is gone or has not moved for 60 minutes (120 while still {@code pending}); taking it fails
 * the old task and clears its store lists.
 */
final class ImportLocks {
    private static final Logger LOG = Logger.getLogger(ImportLocks.class.getName());
    static final Duration STALE_AFTER = Duration.ofMinutes(60);
    static final Duration STALE_PENDING_AFTER = Duration.ofMinutes(120);

    private final ImageRepository repository;
    private final TaskRepository tasks;
    private final Clock clock;
    private final Duration taskTimeToLive;

    ImportLocks(ImageRepository repository, TaskRepository tasks, Clock clock, Duration taskTimeToLive) {
        this.repository = requireNonNull(repository, "repository is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.taskTimeToLive = requireNonNull(taskTimeToLive, "taskTimeToLive is null");
    }

    /** @throws ConflictException "Image has active task" when another import holds a lock that is not stale */
    void checkFree(Image image) {
        String holder = ImportProperties.lockHolder(image);
        if (holder != null && !stale(holder)) {
            throw new ConflictException("Image has active task " + holder);
        }
    }

    private boolean stale(String holder) {
        Optional<Task> task = tasks.findById(holder);
        if (task.isEmpty()) {
            return true;
        }
        Duration age = Duration.between(task.get().updatedAt(), clock.instant());
        return age.compareTo(task.get().status() == TaskStatus.PENDING ? STALE_PENDING_AFTER : STALE_AFTER) > 0;
    }

    /**
     * Takes the lock for {@code task} (stealing a stale one) and starts the import on the image: {@code importing}
     * (copy-image stays {@code active}), the targets listed as importing and no longer as failed.
     */
    void lock(ImageId id, Task task, ImageStatus expectedStatus, boolean copy, List<String> targets) {
        String[] stolen = {null};
        OptimisticUpdate.apply(repository, () -> repository.findById(id).orElseThrow(() -> ImageAccess.notFound(id)),
                image -> {
                    if (image.status() != expectedStatus) {
                        throw new ConflictException("Image " + id + " changed to " + image.status().wireName()
                                + " while its import was being set up");
                    }
                    String holder = ImportProperties.lockHolder(image);
                    stolen[0] = null;
                    if (holder != null) {
                        if (!stale(holder)) {
                            throw new ConflictException("Image has active task " + holder);
                        }
                        stolen[0] = holder;
                        image = ImportProperties.withList(image, ImportProperties.IMPORTING_TO_STORES, List.of());
                        image = ImportProperties.withList(image, ImportProperties.FAILED_IMPORT, List.of());
                    }
                    Image locked = ImportProperties.withLock(image, task.id());
                    locked = ImportProperties.adding(locked, ImportProperties.IMPORTING_TO_STORES, targets);
                    locked = ImportProperties.removing(locked, ImportProperties.FAILED_IMPORT, targets);
                    Instant now = Timestamps.now(clock);
                    Image.Builder next = locked.toBuilder().updatedAt(now);
                    if (!copy) {
                        next.status(ImageStatus.IMPORTING);
                    }
                    return next.build();
                });
        if (stolen[0] != null) {
            LOG.warning("Import task " + task.id() + " took the stale import lock of image " + id + " from task "
                    + stolen[0]);
            tasks.findById(stolen[0]).ifPresent(old -> failTask(old, "Import lock was taken over by task "
                    + task.id() + " after this task stopped making progress"));
        }
    }

    /** Whether {@code taskId} still holds the lock of the image (a running import checks before each write). */
    boolean holds(Image image, String taskId) {
        return taskId.equals(ImportProperties.lockHolder(image));
    }

    /** Ends a task as {@code failure} unless it has ended already. */
    void failTask(Task task, String why) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Task current = tasks.findById(task.id()).orElse(null);
            if (current == null || current.status().finished()) {
                return;
            }
            try {
                tasks.update(current.fail(why, Timestamps.now(clock), taskTimeToLive), current.status());
                return;
            } catch (ConflictException | NotFoundException raced) {
                // It moved on meanwhile; look again.
            }
        }
    }
}

package io.glance.domain.task;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A task row as Glance keeps it (tasks + task_info): an asynchronous job, for this server the import of an image's
 * data ({@code api_image_import}). Immutable; changes return new instances. {@code input} and {@code result} are JSON
 * documents kept as text, because the domain speaks no JSON library; {@code worker} names the glance-api process that
 * runs the task, so that a restarted process fails only its own interrupted tasks.
 *
 * @param id        a UUID
 * @param type      {@code api_image_import} (or the legacy {@code import})
 * @param owner     the project of the caller who created it, or {@code null} without authentication
 * @param imageId   the image it works on, or {@code null}
 * @param requestId the {@code x-openstack-request-id} of the request that created it
 * @param userId    the user who created it, or {@code null}
 * @param input     the task's input as a JSON object
 * @param result    the result as a JSON object, or {@code null} while there is none
 * @param message   what happened, {@code ""} when nothing is to be said
 * @param expiresAt when a finished task disappears; {@code null} while it runs
 * @param worker    the process that runs it, or {@code null}
 */
public record Task(String id, String type, TaskStatus status, String owner, String imageId, String requestId,
                   String userId, String input, String result, String message, Instant createdAt, Instant updatedAt,
                   Instant expiresAt, String worker) {
    public static final String API_IMAGE_IMPORT = "api_image_import";

    public Task {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(status, "status is null");
        Objects.requireNonNull(input, "input is null");
        message = message == null ? "" : message;
        Objects.requireNonNull(createdAt, "createdAt is null");
        Objects.requireNonNull(updatedAt, "updatedAt is null");
    }

    /** A new {@code pending} task. */
    public static Task pending(String id, String type, String owner, String imageId, String requestId, String userId,
                               String input, String worker, Instant now) {
        return new Task(id, type, TaskStatus.PENDING, owner, imageId, requestId, userId, input, null, "", now, now,
                null, worker);
    }

    /** {@code pending → processing}. */
    public Task processing(Instant now) {
        requireRunning();
        return new Task(id, type, TaskStatus.PROCESSING, owner, imageId, requestId, userId, input, result, message,
                createdAt, now, null, worker);
    }

    /** A progress note ("Copied 120 MiB"); also shows the task is alive (its {@code updated_at} moves). */
    public Task progress(String newMessage, Instant now) {
        requireRunning();
        return new Task(id, type, status, owner, imageId, requestId, userId, input, result, newMessage, createdAt,
                now, null, worker);
    }

    /** The successful end: expires {@code timeToLive} from now. */
    public Task succeed(String newResult, Instant now, Duration timeToLive) {
        requireRunning();
        return new Task(id, type, TaskStatus.SUCCESS, owner, imageId, requestId, userId, input, newResult, "",
                createdAt, now, now.plus(timeToLive), worker);
    }

    /** The failed end, saying why: expires {@code timeToLive} from now. */
    public Task fail(String why, Instant now, Duration timeToLive) {
        requireRunning();
        return new Task(id, type, TaskStatus.FAILURE, owner, imageId, requestId, userId, input, result, why,
                createdAt, now, now.plus(timeToLive), worker);
    }

    /** Whether the task has expired at {@code now} (it is then no longer listed nor shown). */
    public boolean expiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    private void requireRunning() {
        if (status.finished()) {
            throw new IllegalStateException("Task " + id + " has already ended (" + status.wireName() + ")");
        }
    }
}

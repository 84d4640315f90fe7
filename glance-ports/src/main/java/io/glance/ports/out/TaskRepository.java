package io.glance.ports.out;

import io.glance.domain.task.Task;
import io.glance.domain.task.TaskStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where tasks live (Glance's tasks and task_info tables). Same failure rules as {@link ImageRepository}: only domain
 * exceptions cross this port.
 */
public interface TaskRepository {

    /** @throws io.glance.domain.ConflictException when the id is taken */
    void create(Task task);

    /** The task unless it is deleted (expired tasks are still found; callers decide what expiry means). */
    Optional<Task> findById(String id);

    /**
     * Replaces the stored task with {@code task} if its stored status is still {@code expectedStatus}: how a worker
     * and a stale-lock thief (or a restart's recovery) do not both end the same task.
     *
     * @throws io.glance.domain.ConflictException when the stored status differs
     * @throws io.glance.domain.NotFoundException  when there is no such task
     */
    Task update(Task task, TaskStatus expectedStatus);

    /** The tasks of one image, oldest first. */
    List<Task> listForImage(String imageId);

    /**
     * Tasks matching the filters, in the order asked for (then by id), without deleted ones.
     *
     * @param status  a status to match, or {@code null}
     * @param type    a type to match, or {@code null}
     * @param sortKey {@code created_at}, {@code updated_at}, {@code id}, {@code status}, {@code type} or
     *                {@code expires_at}
     */
    List<Task> list(TaskStatus status, String type, String sortKey, boolean ascending);

    /** Tasks of {@code worker} that have not ended: what a restarted process interrupted. */
    List<Task> listUnfinished(String worker);

    /** Soft-deletes tasks whose {@code expires_at} is not after {@code now}; returns how many. */
    int deleteExpired(Instant now);
}

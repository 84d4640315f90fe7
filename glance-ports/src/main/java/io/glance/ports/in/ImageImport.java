package io.glance.ports.in;

import io.glance.domain.ImageId;
import io.glance.domain.RequestContext;
import io.glance.domain.task.Task;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Interoperable image import (stage, POST /import) and the tasks that carry it out, as Glance Zed answers them.
 */
public interface ImageImport {

    /** {@code enabled_import_methods}: what /v2/info/import and the {@code OpenStack-image-import-methods} header list. */
    List<String> enabledMethods();

    /**
     * PUT /v2/images/{id}/stage: {@code queued → uploading}, then the data streamed into the staging area (size
     * recorded). On failure the partial data is removed and the image returns to {@code queued}.
     *
     * @throws io.glance.domain.NotFoundException      when glance-direct is not enabled, or the image is invisible
     * @throws io.glance.domain.ConflictException      when the image is not queued or data is already staged
     * @throws io.glance.domain.LimitExceededException when the data exceeds {@code image_size_cap} or the quota
     */
    void stage(RequestContext context, ImageId id, InputStream data, long declaredLength);

    /**
     * POST /v2/images/{id}/import: checks the request in Glance's order, takes the image's import lock, creates the
     * task and hands it to the import workers.
     *
     * @return the task, or empty when there was nothing to do (copy-image to all stores that already have the data)
     */
    Optional<Task> importImage(RequestContext context, ImageId id, ImportCommand command);

    /**
     * Legacy POST /v2/tasks of type {@code import} (admin only by {@code tasks_api_access} and {@code add_task}): the
     * URL is checked (http or https, then {@code import_filtering_opts}) and a {@code pending} task created; a worker
     * then creates the image, fetches the data into it like web-download and ends the task {@code success} with
     * {@code result: {"image_id": ...}}, or {@code failure} with the image deleted.
     *
     * @throws io.glance.domain.InvalidInputException when the URL is refused
     * @throws io.glance.domain.ForbiddenException    when the policy refuses the caller
     */
    Task createImportTask(RequestContext context, LegacyImportCommand command);

    /** GET /v2/images/{id}/tasks: the image's unexpired tasks the caller may see. */
    List<Task> imageTasks(RequestContext context, ImageId id);

    /** GET /v2/tasks (admin only by {@code tasks_api_access}). */
    List<Task> listTasks(RequestContext context, TaskQuery query);

    /** GET /v2/tasks/{id}. @throws io.glance.domain.NotFoundException when absent, expired or invisible */
    Task showTask(RequestContext context, String taskId);

    /** Import disabled: nothing offered, stage 404, every method unknown, no tasks. */
    ImageImport DISABLED = new DisabledImageImport();
}

package io.glance.application;

import io.glance.domain.ImageId;
import io.glance.domain.InvalidInputException;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.domain.task.Task;
import io.glance.ports.in.TaskQuery;
import io.glance.ports.out.TaskRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * Reading tasks (spec §9): the legacy /v2/tasks (admin only through {@code tasks_api_access}) and an image's tasks.
 * A task past its {@code expires_at} is gone for readers; the list purges such rows as it goes, as Glance does.
 */
final class TaskQueries {
    private final TaskRepository tasks;
    private final ImageAccess access;
    private final Clock clock;

    TaskQueries(TaskRepository tasks, ImageAccess access, Clock clock) {
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.access = requireNonNull(access, "access is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    List<Task> imageTasks(RequestContext context, ImageId id) {
        access.visible(context, id);
        Instant now = clock.instant();
        return tasks.listForImage(id.value()).stream()
                .filter(task -> !task.expiredAt(now) && visible(context, task)).toList();
    }

    List<Task> list(RequestContext context, TaskQuery query) {
        requireTasksApi(context, "get_tasks", "list tasks");
        Instant now = clock.instant();
        tasks.deleteExpired(now);
        List<Task> all = tasks.list(query.status(), query.type(), query.sortKey(), query.ascending()).stream()
                .filter(task -> !task.expiredAt(now) && visible(context, task)).toList();
        int start = 0;
        if (query.marker() != null) {
            start = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).id().equals(query.marker())) {
                    start = i + 1;
                    break;
                }
            }
            if (start < 0) {
                throw new InvalidInputException("Invalid marker. Task " + query.marker() + " could not be found.");
            }
        }
        return new ArrayList<>(all.subList(start, Math.min(all.size(), start + query.limit())));
    }

    Task show(RequestContext context, String taskId) {
        requireTasksApi(context, "get_task", "see tasks");
        return tasks.findById(taskId).filter(task -> !task.expiredAt(clock.instant()) && visible(context, task))
                .orElseThrow(() -> new NotFoundException("Task with the given ID " + taskId + " was not found"));
    }

    private void requireTasksApi(RequestContext context, String rule, String what) {
        access.policy().checkRule(context, "tasks_api_access", what);
        access.policy().checkRule(context, rule, what);
    }

    /** Non-admins see only their project's tasks (Glance's {@code _is_task_visible}). */
    private static boolean visible(RequestContext context, Task task) {
        return context.admin() || (task.owner() != null && Objects.equals(task.owner(), context.projectId()));
    }
}

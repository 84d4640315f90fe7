package io.glance.ports.in;

import io.glance.domain.task.TaskStatus;

/**
 * GET /v2/tasks's parameters, already parsed.
 *
 * @param status    only tasks in this status, or {@code null}
 * @param type      only tasks of this type, or {@code null}
 * @param sortKey   {@code created_at} by default
 * @param ascending {@code sort_dir=asc}
 * @param marker    the id of the last task of the previous page, or {@code null}
 * @param limit     the page size
 */
public record TaskQuery(TaskStatus status, String type, String sortKey, boolean ascending, String marker,
                        int limit) {
}

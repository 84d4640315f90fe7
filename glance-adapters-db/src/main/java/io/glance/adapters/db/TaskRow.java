package io.glance.adapters.db;

import io.glance.domain.task.Task;
import io.glance.domain.task.TaskStatus;

import java.time.Instant;

/** One row of {@code tasks}. */
record TaskRow(String id, String taskType, String status, String owner, String imageId, String requestId,
               String userId, String taskInput, String taskResult, String message, String worker, Instant createdAt,
               Instant updatedAt, Instant expiresAt) {

    static TaskRow of(Task task) {
        return new TaskRow(task.id(), task.type(), task.status().wireName(), task.owner(), task.imageId(),
                task.requestId(), task.userId(), task.input(), task.result(), task.message(), task.worker(),
                task.createdAt(), task.updatedAt(), task.expiresAt());
    }

    Task toTask() {
        return new Task(id, taskType, TaskStatus.fromWire(status), owner, imageId, requestId, userId, taskInput,
                taskResult, message, createdAt, updatedAt, expiresAt, worker);
    }
}

package io.glance.registry.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.InvalidInputException;
import io.glance.domain.task.Task;
import io.glance.domain.task.TaskStatus;

/**
 * A task as a registry document (an extension of the Registry API, as Glance's v2 registry served its task_* calls):
 * every field of the row, {@code input} and {@code result} as the JSON text the task keeps, timestamps as ISO-8601
 * instants.
 */
public final class TaskDocument {
    private TaskDocument() {
    }

    public static ObjectNode write(Task task) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("id", task.id());
        json.put("type", task.type());
        json.put("status", task.status().wireName());
        json.put("owner", task.owner());
        json.put("image_id", task.imageId());
        json.put("request_id", task.requestId());
        json.put("user_id", task.userId());
        json.put("input", task.input());
        json.put("result", task.result());
        json.put("message", task.message());
        json.put("created_at", Json.instant(task.createdAt()));
        json.put("updated_at", Json.instant(task.updatedAt()));
        json.put("expires_at", Json.instant(task.expiresAt()));
        json.put("worker", task.worker());
        return json;
    }

    public static Task read(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidInputException("Expected a task object, got " + json);
        }
        for (String field : new String[] {"id", "type", "status", "input", "created_at", "updated_at"}) {
            if (Json.text(json, field) == null) {
                throw new InvalidInputException("A task needs '" + field + "': " + json);
            }
        }
        return new Task(Json.text(json, "id"), Json.text(json, "type"), status(Json.text(json, "status")),
                Json.text(json, "owner"), Json.text(json, "image_id"), Json.text(json, "request_id"),
                Json.text(json, "user_id"), Json.text(json, "input"), Json.text(json, "result"),
                Json.text(json, "message"), Json.instant(json, "created_at"), Json.instant(json, "updated_at"),
                Json.instant(json, "expires_at"), Json.text(json, "worker"));
    }

    /** A task status by its wire name, 400 naming it when unknown. */
    public static TaskStatus status(String wire) {
        try {
            return TaskStatus.fromWire(wire);
        } catch (RuntimeException e) {
            throw new InvalidInputException("Invalid task status: " + wire);
        }
    }
}

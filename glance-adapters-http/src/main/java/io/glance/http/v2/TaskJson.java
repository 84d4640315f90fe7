package io.glance.http.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.task.Task;
import io.glance.http.common.Json;
import io.glance.http.common.Timestamps;

import java.nio.charset.StandardCharsets;

/** Tasks as Glance shows them (spec §9): the /v2/tasks stub and full views, and the rows of an image's tasks. */
final class TaskJson {

    private TaskJson() {
    }

    /** GET /v2/tasks's list entry. */
    static ObjectNode stub(Task task) {
        ObjectNode json = Json.object();
        json.put("id", task.id());
        json.put("type", task.type());
        json.put("status", task.status().wireName());
        json.put("owner", task.owner());
        if (task.expiresAt() != null) {
            json.put("expires_at", Timestamps.format(task.expiresAt()));
        }
        json.put("created_at", Timestamps.format(task.createdAt()));
        json.put("updated_at", Timestamps.format(task.updatedAt()));
        json.put("self", "/v2/tasks/" + task.id());
        json.put("schema", "/v2/schemas/task");
        return json;
    }

    /** GET /v2/tasks/{id}. */
    static ObjectNode full(Task task) {
        ObjectNode json = stub(task);
        json.set("input", parsed(task.input()));
        json.set("result", parsed(task.result()));
        json.put("message", task.message());
        json.put("image_id", task.imageId());
        json.put("request_id", task.requestId());
        json.put("user_id", task.userId());
        return json;
    }

    /** An entry of GET /v2/images/{id}/tasks: the row, as Glance serialises it. */
    static ObjectNode row(Task task) {
        ObjectNode json = Json.object();
        json.put("id", task.id());
        json.put("type", task.type());
        json.put("status", task.status().wireName());
        json.put("owner", task.owner());
        json.put("expires_at", task.expiresAt() == null ? null : Timestamps.format(task.expiresAt()));
        json.put("created_at", Timestamps.format(task.createdAt()));
        json.put("updated_at", Timestamps.format(task.updatedAt()));
        json.putNull("deleted_at");
        json.put("deleted", false);
        json.put("image_id", task.imageId());
        json.put("request_id", task.requestId());
        json.put("user_id", task.userId());
        json.set("input", parsed(task.input()));
        json.set("result", parsed(task.result()));
        json.put("message", task.message());
        return json;
    }

    /** Input and result are JSON this server wrote itself. */
    private static JsonNode parsed(String text) {
        return text == null ? NullNode.getInstance() : Json.parseTrusted(text.getBytes(StandardCharsets.UTF_8));
    }
}

package io.glance.client;

import java.util.Map;
import java.util.Objects;

/**
 * A task as glance-api shows it (GET /v2/images/{id}/tasks, /v2/tasks/{id}).
 *
 * @param status  {@code pending}, {@code processing}, {@code success} or {@code failure}
 * @param message what happened, {@code ""} when nothing is to be said
 * @param input   the task's input (for imports: {@code image_id}, {@code import_req}, {@code backend})
 * @param result  the result, empty while there is none
 */
public record Task(String id, String type, String status, String message, String imageId, String requestId,
                   String createdAt, String updatedAt, String expiresAt, Map<String, Object> input,
                   Map<String, Object> result) {

    public Task {
        Objects.requireNonNull(id, "id is null");
        Objects.requireNonNull(status, "status is null");
        input = input == null ? Map.of() : Map.copyOf(input);
        result = result == null ? Map.of() : Map.copyOf(result);
    }

    /** Whether the task has ended. */
    public boolean finished() {
        return status.equals("success") || status.equals("failure");
    }

    /** The import method the task carried out, from its input, or {@code ""}. */
    public String importMethod() {
        if (input.get("import_req") instanceof Map<?, ?> request && request.get("method") instanceof Map<?, ?> method
                && method.get("name") instanceof String name) {
            return name;
        }
        return "";
    }

    @SuppressWarnings("unchecked")
    static Task of(Map<String, Object> json) {
        return new Task(text(json, "id"), text(json, "type"), text(json, "status"), text(json, "message"),
                text(json, "image_id"), text(json, "request_id"), text(json, "created_at"),
                text(json, "updated_at"), text(json, "expires_at"),
                json.get("input") instanceof Map<?, ?> in ? nonNull((Map<String, Object>) in) : Map.of(),
                json.get("result") instanceof Map<?, ?> out ? nonNull((Map<String, Object>) out) : Map.of());
    }

    private static Map<String, Object> nonNull(Map<String, Object> map) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(key, value == null ? "" : value));
        return copy;
    }

    private static String text(Map<String, Object> json, String key) {
        Object value = json.get(key);
        return value == null ? "" : String.valueOf(value);
    }
}

package io.glance.client;

import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One operation of a PATCH in the {@code application/openstack-images-v2.1-json-patch} dialect (RFC 6902 subset:
 * add, replace, remove). {@code add} is an upsert; {@code replace} and {@code remove} of an absent property are 409.
 */
public record PatchOperation(String op, String key, Object value) {
    public PatchOperation {
        requireNonNull(op, "op is null");
        requireNonNull(key, "key is null");
        if (!op.equals("add") && !op.equals("replace") && !op.equals("remove")) {
            throw new IllegalArgumentException("unsupported patch op '" + op + "' (add, replace or remove)");
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("patch key is empty");
        }
    }

    public static PatchOperation add(String key, Object value) {
        return new PatchOperation("add", key, value);
    }

    public static PatchOperation replace(String key, Object value) {
        return new PatchOperation("replace", key, value);
    }

    public static PatchOperation remove(String key) {
        return new PatchOperation("remove", key, null);
    }

    /** The JSON pointer: {@code /key}, with {@code ~} and {@code /} escaped. */
    public String path() {
        return "/" + key.replace("~", "~0").replace("/", "~1");
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("op", op);
        json.put("path", path());
        if (!op.equals("remove")) {
            json.put("value", value);
        }
        return json;
    }
}

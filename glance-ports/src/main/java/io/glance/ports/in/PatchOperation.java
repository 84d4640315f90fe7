package io.glance.ports.in;

import io.glance.domain.InvalidInputException;

import java.util.Objects;

/**
 * One JSON-patch operation on an image, already decoded from either patch media type.
 *
 * @param op    what to do
 * @param path  the attribute, i.e. the single decoded JSON-pointer segment ({@code name}, {@code tags}, a property)
 * @param value the JSON value as Java: {@code null}, {@link String}, {@link Boolean}, {@link Long}, {@link Double},
 *              {@link java.util.List} or {@link java.util.Map}; ignored for {@code remove}
 * @param strictAdd true for the v2.0 media type, where {@code add} of an existing key is a conflict; v2.1 {@code add}
 *                  is an upsert
 */
public record PatchOperation(Op op, String path, Object value, boolean strictAdd) {

    public enum Op { ADD, REPLACE, REMOVE }

    public PatchOperation {
        Objects.requireNonNull(op, "op is null");
        Objects.requireNonNull(path, "path is null");
        if (path.isEmpty()) {
            throw new InvalidInputException("Invalid JSON pointer: empty path");
        }
    }
}

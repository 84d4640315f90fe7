package io.glance.http.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.glance.domain.ForbiddenException;
import io.glance.domain.InvalidInputException;
import io.glance.ports.in.PatchOperation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The body of PATCH /v2/images/{id} decoded into {@link PatchOperation}s, with Glance's request-level checks: an
 * array of objects, one supported operation each, a restricted JSON pointer of exactly one segment, the value
 * checked against the image schema, and no writes to read-only or reserved attributes. Whether an attribute exists,
 * may be removed or may be changed in the image's state is the catalog's call.
 */
final class PatchRequest {
    private static final List<String> OPERATIONS = List.of("add", "remove", "replace");
    private static final Pattern ADJACENT_SLASHES = Pattern.compile("/\\s*?/");
    private static final Pattern BAD_ESCAPE = Pattern.compile("~[^01]");

    private PatchRequest() {
    }

    /** A decoded operation, or one on {@code /locations}, which this server refuses as a whole. */
    record Change(PatchOperation.Op op, List<String> path, JsonNode value) {
    }

    /** The checked operations, ready for the catalog. */
    static List<PatchOperation> toOperations(PatchMediaType dialect, List<Change> changes,
                                             ImageSchemaValidator schema) {
        List<PatchOperation> operations = new ArrayList<>(changes.size());
        for (Change change : changes) {
            String root = change.path().getFirst();
            if (root.equals(ImageAttributes.LOCATIONS)) {
                throw locationsForbidden(change);
            }
            ImageAttributes.requireWritable(root, true);
            if (change.op() != PatchOperation.Op.REMOVE) {
                schema.validate(root, change.value());
            }
            operations.add(new PatchOperation(change.op(), root, JsonValues.toJava(change.value()),
                    dialect == PatchMediaType.V2_0));
        }
        return operations;
    }

    /** Whether any change touches {@code /locations}, which is refused only once the image is known to exist. */
    static boolean touchesLocations(List<Change> changes) {
        return changes.stream().anyMatch(PatchRequest::isLocationChange);
    }

    static boolean isLocationChange(Change change) {
        return change.path().getFirst().equals(ImageAttributes.LOCATIONS);
    }

    /** The operations as written, with the syntax checks that need no schema. */
    static List<Change> decode(PatchMediaType dialect, JsonNode body) {
        if (!body.isArray()) {
            throw new InvalidInputException("Request body must be a JSON array of operation objects, not "
                    + JsonValues.repr(body));
        }
        List<Change> changes = new ArrayList<>(body.size());
        for (JsonNode raw : body) {
            if (!raw.isObject()) {
                throw new InvalidInputException("Operations must be JSON objects, not " + JsonValues.repr(raw));
            }
            String op = dialect == PatchMediaType.V2_1 ? operationRfc6902(raw) : operationDraft4(raw);
            JsonNode pointer = dialect == PatchMediaType.V2_1 ? raw.get("path") : raw.get(op);
            if (pointer == null) {
                throw new InvalidInputException("Unable to find 'path' in JSON Schema change " + raw);
            }
            if (!pointer.isTextual()) {
                throw new InvalidInputException("Pointer " + pointer + " is not a string");
            }
            List<String> path = decodePointer(pointer.textValue());
            validateDepth(op, path);
            JsonNode value = null;
            if (!op.equals("remove")) {
                value = raw.get("value");
                if (value == null) {
                    throw new InvalidInputException("Operation \"" + op + "\" requires a member named \"value\".");
                }
            }
            changes.add(new Change(PatchOperation.Op.valueOf(op.toUpperCase(Locale.ROOT)), path, value));
        }
        return changes;
    }

    private static String operationRfc6902(JsonNode raw) {
        JsonNode op = raw.get("op");
        if (op == null || op.isNull()) {
            throw new InvalidInputException("Unable to find `op` in JSON Schema change. It must be one of the"
                    + " following: " + String.join(", ", OPERATIONS) + ".");
        }
        if (!op.isTextual() || !OPERATIONS.contains(op.textValue())) {
            throw new InvalidInputException("Invalid operation: `" + (op.isTextual() ? op.textValue() : op)
                    + "`. It must be one of the following: " + String.join(", ", OPERATIONS) + ".");
        }
        return op.textValue();
    }

    private static String operationDraft4(JsonNode raw) {
        String found = null;
        for (String op : OPERATIONS) {
            if (raw.has(op)) {
                if (found != null) {
                    throw new InvalidInputException("Operation objects must contain only one member named \"add\","
                            + " \"remove\", or \"replace\": " + raw);
                }
                found = op;
            }
        }
        if (found == null) {
            throw new InvalidInputException("Operation objects must contain exactly one member named \"add\","
                    + " \"remove\", or \"replace\": " + raw);
        }
        return found;
    }

    /** Glance's restricted JSON pointer: {@code /a/b}, no empty segments, only {@code ~0} and {@code ~1} escapes. */
    static List<String> decodePointer(String pointer) {
        if (!pointer.startsWith("/")) {
            throw new InvalidInputException("Pointer `" + pointer + "` does not start with \"/\".");
        }
        if (ADJACENT_SLASHES.matcher(pointer).find()) {
            throw new InvalidInputException("Pointer `" + pointer + "` contains adjacent \"/\".");
        }
        if (pointer.length() > 1 && pointer.endsWith("/")) {
            throw new InvalidInputException("Pointer `" + pointer + "` end with \"/\".");
        }
        if (pointer.substring(1).strip().equals("/")) {
            throw new InvalidInputException("Pointer `" + pointer + "` does not contains valid token.");
        }
        if (BAD_ESCAPE.matcher(pointer).find() || pointer.endsWith("~")) {
            throw new InvalidInputException("Pointer `" + pointer
                    + "` contains \"~\" not part of a recognized escape sequence.");
        }
        List<String> segments = new ArrayList<>();
        int start = 0;
        while (start < pointer.length() && pointer.charAt(start) == '/') {
            start++;
        }
        for (String part : pointer.substring(start).split("/", -1)) {
            String segment = part.replace("~1", "/").replace("~0", "~").strip();
            if (segment.isEmpty()) {
                throw new InvalidInputException("Pointer `" + pointer + "` does not contains valid token.");
            }
            segments.add(segment);
        }
        return segments;
    }

    /** One segment, except {@code /locations/<n|->} for add and remove. */
    private static void validateDepth(String op, List<String> path) {
        int allowed = path.getFirst().equals(ImageAttributes.LOCATIONS) && !op.equals("replace") ? 2 : 1;
        if (path.size() != allowed) {
            throw new InvalidInputException("Invalid JSON pointer for this resource: '/" + String.join("/", path)
                    + "'");
        }
    }

    private static ForbiddenException locationsForbidden(Change change) {
        return switch (change.op()) {
            case ADD -> new ForbiddenException("It's not allowed to add locations if locations are invisible.");
            case REMOVE -> new ForbiddenException("It's not allowed to remove locations if locations are invisible.");
            case REPLACE -> isFalsy(change.value())
                    ? new ForbiddenException("Cannot set locations to empty list.")
                    : new ForbiddenException("It's not allowed to update locations if locations are invisible.");
        };
    }

    /** Python's falsiness, which Glance tests before anything else on {@code replace /locations}. */
    private static boolean isFalsy(JsonNode value) {
        return value == null || value.isNull() || (value.isContainerNode() && value.isEmpty())
                || (value.isTextual() && value.textValue().isEmpty())
                || (value.isBoolean() && !value.booleanValue()) || (value.isNumber() && value.doubleValue() == 0);
    }
}

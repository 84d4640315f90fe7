package io.glance.http.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.glance.domain.ForbiddenException;
import io.glance.domain.ImageId;
import io.glance.domain.InvalidInputException;
import io.glance.domain.RequestContext;
import io.glance.ports.in.ImageLocations;
import io.glance.ports.in.PatchOperation;

import java.util.List;

/**
 * The {@code /locations} operations of a PATCH with {@code show_multiple_locations} on (spec §3): {@code add} of
 * {@code {"url": ..., "metadata": {}}} at {@code /locations/-} or {@code /locations/<n>}, and {@code remove} of
 * {@code /locations/<n>}. They run after the image's other operations, one use case call each. {@code replace} of
 * the whole list is refused: it would swap the data under an active image in one step, which is how OSSN-0065 was
 * exploited; adding and then removing does the same thing visibly.
 */
final class LocationChanges {
    private LocationChanges() {
    }

    static void apply(ImageLocations locations, RequestContext context, ImageId id, List<PatchRequest.Change> changes) {
        for (PatchRequest.Change change : changes) {
            if (change.op() == PatchOperation.Op.ADD) {
                locations.addLocation(context, id, url(change.value()), null);
            } else if (change.op() == PatchOperation.Op.REMOVE) {
                locations.removeLocation(context, id, index(change.path()));
            } else {
                throw new ForbiddenException("Replacing /locations is not supported; add and remove single locations"
                        + " (/locations/- and /locations/<n>)");
            }
        }
    }

    private static String url(JsonNode value) {
        if (value == null || !value.isObject() || !value.has("url") || !value.get("url").isTextual()) {
            throw new InvalidInputException("A location must be an object with a string 'url', not "
                    + JsonValues.repr(value));
        }
        JsonNode metadata = value.get("metadata");
        if (metadata != null && !metadata.isNull() && !(metadata.isObject() && metadata.isEmpty())) {
            throw new InvalidInputException("Location metadata is recorded by the server (the store id); "
                    + "send an empty object, not " + JsonValues.repr(metadata));
        }
        return value.get("url").textValue();
    }

    private static int index(List<String> path) {
        String segment = path.get(1);
        try {
            return Integer.parseInt(segment);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("Invalid location index '" + segment + "' in /locations/" + segment
                    + " (remove needs a number)");
        }
    }
}

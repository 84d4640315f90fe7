package io.glance.domain.metadef;

import java.time.Instant;
import java.util.List;

/**
 * A named group of property definitions inside a namespace.
 *
 * @param required       names of the properties that must be given (stored comma-joined, as Glance does)
 * @param propertiesJson a JSON object mapping property names to definitions, or null for none
 * @param createdAt      null before the object is stored
 */
public record MetadefObject(String name, String description, List<String> required, String propertiesJson,
                            Instant createdAt, Instant updatedAt) {

    public MetadefObject {
        MetadefNames.check("object", name);
        required = required == null ? List.of() : List.copyOf(required);
        MetadefNames.checkText("object description", description);
        MetadefNames.checkText("object properties", propertiesJson);
    }

    public MetadefObject withTimes(Instant created, Instant updated) {
        return new MetadefObject(name, description, required, propertiesJson, created, updated);
    }
}

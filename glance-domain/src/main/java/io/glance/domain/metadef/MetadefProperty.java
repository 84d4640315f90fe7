package io.glance.domain.metadef;

import static java.util.Objects.requireNonNull;

/**
 * A property definition of a namespace.
 *
 * @param definitionJson the definition, a JSON object ({@code {"title": …, "type": …, …}}) as it is stored
 */
public record MetadefProperty(String name, String definitionJson) {

    public MetadefProperty {
        MetadefNames.check("property", name);
        requireNonNull(definitionJson, "definitionJson is null");
        MetadefNames.checkText("property definition", definitionJson);
    }
}

package io.glance.ports.in;

import io.glance.domain.ImageId;
import io.glance.domain.Visibility;

import java.util.List;
import java.util.Map;

/**
 * The attributes a client may set when creating an image. {@code null} means "not given" (defaults apply);
 * validation of reserved keys happens in the use case, which has the context.
 */
public record CreateImageCommand(ImageId id, String name, Visibility visibility, Boolean isProtected, Boolean osHidden,
                                 Integer minDisk, Integer minRam, String diskFormat, String containerFormat,
                                 String owner, boolean ownerGiven, List<String> tags, Map<String, String> properties) {

    public CreateImageCommand {
        tags = tags == null ? List.of() : List.copyOf(tags);
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }
}

package io.glance.http.registry;

import io.glance.domain.Image;
import io.glance.domain.InvalidInputException;

import java.util.Objects;
import java.util.Set;

/** The checks Cactus's registry makes on every created or updated image beyond what the domain checks itself. */
final class RegistryRules {
    private static final Set<String> AMAZON_FORMATS = Set.of("aki", "ari", "ami");

    private RegistryRules() {
    }

    /** "if either format is aki/ari/ami both must be equal" (Glance v1 §2). */
    static Image validated(Image image) {
        String disk = image.diskFormat();
        String container = image.containerFormat();
        boolean amazon = (disk != null && AMAZON_FORMATS.contains(disk))
                || (container != null && AMAZON_FORMATS.contains(container));
        if (amazon && !Objects.equals(disk, container)) {
            throw new InvalidInputException("Invalid mix of disk and container formats. When setting a disk or "
                    + "container format to one of 'aki', 'ari', or 'ami', the container and disk formats must match "
                    + "(disk_format=" + disk + ", container_format=" + container + ")");
        }
        return image;
    }
}

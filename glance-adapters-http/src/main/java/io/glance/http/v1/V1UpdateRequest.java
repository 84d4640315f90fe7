package io.glance.http.v1;

import io.glance.domain.Image;
import io.glance.domain.Visibility;
import io.glance.ports.in.PatchOperation;
import io.glance.ports.in.PatchOperation.Op;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * PUT /v1/images/ID metadata as JSON-patch operations on the current image: fields sent replace, fields not sent are
 * kept, and every property not sent is removed (Glance v1's {@code purge_props}). Only real changes become
 * operations, so a v1 client re-sending an image's formats after its upload is not refused by v2's rule that
 * formats are fixed once data exists. {@code status}, {@code size} and {@code checksum} are computed by the server
 * and ignored here; {@code location} is the handler's business.
 */
final class V1UpdateRequest {
    /** Properties Glance itself keeps; a v1 client does not know them, so not sending them must not remove them. */
    private static final String RESERVED_PROPERTY_PREFIX = "os_glance_";

    private V1UpdateRequest() {
    }

    static List<PatchOperation> operations(Image current, V1Metadata meta) {
        List<PatchOperation> operations = new ArrayList<>();
        if (meta.has("name")) {
            replaceIfChanged(operations, "name", current.name(), meta.get("name"));
        }
        String diskFormat = meta.has("disk_format") ? V1Fields.diskFormat(meta.get("disk_format"))
                : current.diskFormat();
        String containerFormat = meta.has("container_format")
                ? V1Fields.containerFormat(meta.get("container_format")) : current.containerFormat();
        V1Fields.checkFormatMix(diskFormat, containerFormat);
        replaceIfChanged(operations, "disk_format", current.diskFormat(), diskFormat);
        replaceIfChanged(operations, "container_format", current.containerFormat(), containerFormat);
        Boolean isPublic = V1Fields.bool(meta, "is_public");
        if (isPublic != null && isPublic != (current.visibility() == Visibility.PUBLIC)) {
            // False on a shared or community image keeps it: all of them are is_public False already.
            Visibility target = isPublic ? Visibility.PUBLIC : Visibility.PRIVATE;
            operations.add(new PatchOperation(Op.REPLACE, "visibility", target.wireName(), false));
        }
        Boolean isProtected = V1Fields.bool(meta, "protected");
        if (isProtected != null) {
            replaceIfChanged(operations, "protected", current.isProtected(), isProtected);
        }
        Integer minRam = V1Fields.nonNegativeInt(meta, "min_ram");
        if (minRam != null) {
            replaceIfChanged(operations, "min_ram", (long) current.minRam(), (long) minRam);
        }
        Integer minDisk = V1Fields.nonNegativeInt(meta, "min_disk");
        if (minDisk != null) {
            replaceIfChanged(operations, "min_disk", (long) current.minDisk(), (long) minDisk);
        }
        if (meta.has("owner")) {
            replaceIfChanged(operations, "owner", current.owner(), meta.get("owner"));
        }
        Map<String, String> sent = V1CreateRequest.properties(meta);
        sent.forEach((name, value) -> {
            if (!value.equals(current.properties().get(name))) {
                operations.add(new PatchOperation(Op.ADD, name, value, false));
            }
        });
        for (String name : current.properties().keySet()) {
            if (!sent.containsKey(name) && !name.startsWith(RESERVED_PROPERTY_PREFIX)) {
                operations.add(new PatchOperation(Op.REMOVE, name, null, false));
            }
        }
        return operations;
    }

    private static void replaceIfChanged(List<PatchOperation> operations, String path, Object current, Object sent) {
        if (!Objects.equals(current, sent)) {
            operations.add(new PatchOperation(Op.REPLACE, path, sent, false));
        }
    }
}

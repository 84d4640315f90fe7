package io.glance.cli;

import io.glance.client.Image;
import io.glance.client.NotFoundException;
import io.glance.client.PatchOperation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code glance update ID field=value ...}: one JSON-patch (v2.1) with {@code replace} for base fields and
 * {@code add} (an upsert) for properties. Unlike Cactus, properties not named are kept, not purged.
 */
@Command(name = "update", description = {"Update an image's metadata.",
        "Base fields: name, disk_format, container_format, is_public,",
        "visibility, protected, min_disk, min_ram; any other field is set",
        "as a property. Example: glance update ID is_public=true os_distro=debian"})
final class UpdateCommand implements Callable<Integer> {
    private static final Set<String> NOT_MODIFIABLE = Set.of("created_on", "deleted_on", "deleted", "updated_on",
            "size", "status", "created_at", "updated_at", "deleted_at", "checksum", "id", "os_hash_algo",
            "os_hash_value", "virtual_size");

    @ParentCommand
    GlanceCommand glance;

    @Parameters(index = "0", paramLabel = "ID", description = "The image.")
    String imageId;

    @Parameters(index = "1..*", paramLabel = "FIELD=VALUE", arity = "0..*", description = "Metadata to set.")
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() {
        Io io = glance.io();
        Map<String, String> fields = new LinkedHashMap<>(Fields.parse(arguments));
        for (String key : List.copyOf(fields.keySet())) {
            if (NOT_MODIFIABLE.contains(key)) {
                io.out().println("Found non-modifiable field " + key + ". Removing.");
                fields.remove(key);
            }
        }
        if (fields.containsKey("location")) {
            throw new UsageException("location=" + fields.get("location") + " is not supported by the Images API v2"
                    + " on this server");
        }
        if (fields.isEmpty()) {
            throw new UsageException("Nothing to update: give field=value arguments after the image id");
        }
        List<PatchOperation> patch = new ArrayList<>();
        fields.forEach((key, value) -> patch.add(operation(key, value)));
        if (glance.dryRun) {
            io.out().println("Dry run. We would have done the following:");
            io.out().println("Update existing image " + imageId + " with metadata:");
            ImageFormat.metadata(io.out(), fields);
            return ExitCodes.OK;
        }
        Image updated;
        try {
            updated = glance.client().update(imageId, patch);
        } catch (NotFoundException e) {
            io.err().println("No image with ID " + imageId + " was found");
            return ExitCodes.NOT_FOUND;
        }
        if (glance.json) {
            ImageFormat.json(io.out(), updated);
            return ExitCodes.OK;
        }
        io.out().println("Updated image " + imageId);
        if (glance.verbose) {
            io.out().println("Updated image metadata for image " + imageId + ":");
            ImageFormat.metadata(io.out(), updated.attributes());
        }
        return ExitCodes.OK;
    }

    private static PatchOperation operation(String key, String value) {
        return switch (key) {
            case "name", "disk_format", "container_format", "visibility" -> PatchOperation.replace(key, value);
            case "is_public" -> PatchOperation.replace("visibility", Fields.isTrue(value) ? "public" : "private");
            case "protected", "os_hidden" -> PatchOperation.replace(key, Fields.isTrue(value));
            case "min_disk", "min_ram" -> PatchOperation.replace(key, Fields.integer(key, value));
            case "tags" -> PatchOperation.replace(key, List.of(value.split(",")));
            default -> PatchOperation.add(key, value);
        };
    }
}

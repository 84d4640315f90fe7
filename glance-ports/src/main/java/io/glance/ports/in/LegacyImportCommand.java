package io.glance.ports.in;

import java.util.Objects;

/**
 * A legacy {@code POST /v2/tasks} of type {@code import} (spec §9.1), its input checked for shape by the HTTP adapter:
 * the task creates an image from {@code image} and fetches {@code importFrom} into it.
 *
 * @param importFrom       {@code input.import_from}: the URL of the data (checked by the use case: scheme and filter)
 * @param importFromFormat {@code input.import_from_format}: the format the caller says the data has
 * @param image            {@code input.image_properties} as an image create request (with both formats)
 * @param inputJson        the task's {@code input} as the client sent it, kept on the task
 */
public record LegacyImportCommand(String importFrom, String importFromFormat, CreateImageCommand image,
                                  String inputJson) {
    public LegacyImportCommand {
        Objects.requireNonNull(importFrom, "importFrom is null");
        Objects.requireNonNull(importFromFormat, "importFromFormat is null");
        Objects.requireNonNull(image, "image is null");
        Objects.requireNonNull(inputJson, "inputJson is null");
    }
}

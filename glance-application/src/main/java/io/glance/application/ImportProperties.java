package io.glance.application;

import io.glance.domain.Image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reserved {@code os_glance_*} properties through which Glance shows an import's progress and holds its lock
 * (spec §4). Users cannot set them (the HTTP adapter refuses the namespace), the import writes them with the image.
 */
final class ImportProperties {
    /** The id of the task holding the image's import lock. */
    static final String IMPORT_TASK = "os_glance_import_task";
    /** Comma list of stores still to be written. */
    static final String IMPORTING_TO_STORES = "os_glance_importing_to_stores";
    /** Comma list of stores that failed. */
    static final String FAILED_IMPORT = "os_glance_failed_import";
    /** The node that holds the staged data (multi-node staging); never shown. */
    static final String STAGE_HOST = "os_glance_stage_host";

    private ImportProperties() {
    }

    static List<String> list(Image image, String property) {
        String value = image.properties().get(property);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(part -> !part.isEmpty()).toList();
    }

    /** {@code image} with the comma list {@code property} set to {@code values} (kept, empty, when there are none). */
    static Image withList(Image image, String property, Collection<String> values) {
        Map<String, String> properties = new LinkedHashMap<>(image.properties());
        properties.put(property, String.join(",", values));
        return image.toBuilder().properties(properties).build();
    }

    static Image adding(Image image, String property, Collection<String> stores) {
        List<String> values = new ArrayList<>(list(image, property));
        stores.stream().filter(store -> !values.contains(store)).forEach(values::add);
        return withList(image, property, values);
    }

    static Image removing(Image image, String property, Collection<String> stores) {
        List<String> values = new ArrayList<>(list(image, property));
        values.removeAll(stores);
        return withList(image, property, values);
    }

    static String lockHolder(Image image) {
        return image.properties().get(IMPORT_TASK);
    }

    static Image withLock(Image image, String taskId) {
        Map<String, String> properties = new LinkedHashMap<>(image.properties());
        properties.put(IMPORT_TASK, taskId);
        properties.remove(STAGE_HOST);
        return image.toBuilder().properties(properties).build();
    }

    /** Drops the lock if {@code taskId} holds it. */
    static Image withoutLock(Image image, String taskId) {
        if (!taskId.equals(lockHolder(image))) {
            return image;
        }
        Map<String, String> properties = new LinkedHashMap<>(image.properties());
        properties.remove(IMPORT_TASK);
        return image.toBuilder().properties(properties).build();
    }
}

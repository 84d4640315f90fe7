package io.glance.importing.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** What an import plugin sees of one import. */
public interface ImportContext {

    /** The image's id. */
    String imageId();

    /** The import method's wire name, e.g. {@code glance-direct} or {@code web-download}. */
    String method();

    /**
     * The image's attributes as they are now: {@code disk_format}, {@code container_format} (absent when not set)
     * and every custom property.
     */
    Map<String, String> attributes();

    /** The roles of the caller who asked for the import (empty when not known). */
    Set<String> callerRoles();

    /** The staged data, a file a plugin may read (and hand to external tools such as qemu-img). */
    Path stagedData();

    /** The most bytes the image may hold ({@code image_size_cap}): a plugin that makes new data stays below it. */
    long sizeCap();

    /**
     * Puts {@code newData} in place of the staged data. It must be a file in the same directory as
     * {@link #stagedData()} (plugins write their output next to it); it is moved, not copied.
     */
    void replaceStagedData(Path newData) throws IOException;

    /**
     * Sets attributes of the image at once: {@code disk_format}, {@code container_format}, {@code virtual_size}, or
     * custom properties. The size and checksums are not set here: they are measured when the staged data is written
     * to the stores.
     *
     * @throws IllegalArgumentException naming an attribute that cannot be set or a value that is invalid
     */
    void setAttributes(Map<String, String> attributes);
}

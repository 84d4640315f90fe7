package io.glance.importing.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
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
     * Tells the host that the first {@code length} bytes of {@code newData}, a file this plugin is still writing and
     * will hand to {@link #replaceStagedData}, are written for good. The host may read them at once (size cap, md5,
     * sha512), while the plugin writes the rest, instead of reading the whole file again when it writes it to the
     * stores: image_conversion converts to raw in windows and announces each finished one. Lengths for one file
     * must grow; bytes below an announced length must never change. A plugin that does not call it (the default
     * does nothing) loses nothing: the host then reads the data as with SPI 1.0.
     *
     * @throws IOException when {@code newData} cannot be opened
     * @since 1.1.0 (on a host of SPI 1.0.0 a call fails with NoSuchMethodError)
     */
    default void writtenUpTo(Path newData, long length) throws IOException {
    }

    /**
     * The staged data while it still arrives: present only to a plugin that {@linkplain ImportPlugin#readsArrivingData
     * reads arriving data}, listed first in {@code image_import_plugins}, on a web-download into a staging directory
     * (the plugin then runs while the data downloads). Such a plugin reads {@link ArrivingStagedData#file()} and calls
     * {@link ArrivingStagedData#awaitComplete()} before it reads {@link #stagedData()} (which names where the data will
     * be, e.g. for an output file next to it) or calls {@link #replaceStagedData} (which fails before that). Empty
     * otherwise: the staged data is complete.
     *
     * @since 1.2.0
     */
    default Optional<ArrivingStagedData> arrivingStagedData() {
        return Optional.empty();
    }

    /**
     * Sets attributes of the image at once: {@code disk_format}, {@code container_format}, {@code virtual_size}, or
     * custom properties. The size and checksums are not set here: they are measured when the staged data is written
     * to the stores.
     *
     * @throws IllegalArgumentException naming an attribute that cannot be set or a value that is invalid
     */
    void setAttributes(Map<String, String> attributes);
}

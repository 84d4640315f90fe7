package io.glance.application;

import io.glance.domain.Image;

import java.net.URI;
import java.util.function.UnaryOperator;

/**
 * One step an import runs between "the data is staged" and "the data is written to the stores" (Glance's import
 * plugins run here, in {@code image_import_plugins} order; copy-image runs none). A step may read the staged file,
 * replace it (conversion, decompression) and change the image's attributes (formats, sizes, injected properties).
 * An exception fails the import cleanly: the image returns to {@code queued}, its staged data is removed and the task
 * is {@code failure} with the exception's message.
 */
public interface ImportStep {

    /** For logs and task messages, e.g. {@code image_conversion}. */
    String name();

    void apply(Context context) throws Exception;

    /**
     * Whether this step can start while the staged data still arrives ({@link Context#arriving()}): then, as the first
     * step of a web-download, it runs beside the download instead of after it.
     */
    default boolean readsArrivingData() {
        return false;
    }

    /** Staged data on its way in (the import SPI's {@code ArrivingStagedData}, which the server maps onto this). */
    interface Arriving {
        /** The data's file, readable below what {@link #awaitWritten} returned, until the import is over. */
        java.nio.file.Path file();

        /** Waits for {@code length} bytes or the whole data; returns the bytes readable now. */
        long awaitWritten(long length) throws java.io.IOException, InterruptedException;

        /** Waits for the whole data, checked; afterwards {@link Context#stagedData()} holds it. */
        long awaitComplete() throws java.io.IOException, InterruptedException;
    }

    /** What a step sees of the import. */
    interface Context {
        /** The image as it is now (status {@code importing}). */
        Image image();

        /** The import method's wire name, e.g. {@code glance-direct}. */
        String method();

        /**
         * The roles of the caller who asked for the import, lower-cased (inject_image_metadata's
         * {@code ignore_user_roles}); empty when not known.
         */
        default java.util.Set<String> callerRoles() {
            return java.util.Set.of();
        }

        /**
         * The staged data while it arrives, to a step that {@linkplain ImportStep#readsArrivingData reads arriving
         * data} started before the download ended; {@code null} when the staged data is complete.
         */
        default Arriving arriving() {
            return null;
        }

        /** The staged data, a {@code file:} URI. */
        URI stagedData();

        /** Puts the file at {@code newData} (same file system as {@link #stagedData()}) in place of the staged data. */
        void replaceStagedData(URI newData) throws java.io.IOException;

        /**
         * The first {@code length} bytes of {@code newData} (a file the step is writing and will hand to
         * {@link #replaceStagedData}) are final: the import digests them now, while the step writes the rest, and
         * does not read them again into the stores. The default ignores it.
         */
        default void writtenUpTo(URI newData, long length) throws java.io.IOException {
        }

        /**
         * Changes the image's attributes (e.g. {@code disk_format}); saved at once. The change is applied to the image
         * as stored, so properties others changed meanwhile are kept.
         */
        void updateImage(UnaryOperator<Image> change);
    }
}

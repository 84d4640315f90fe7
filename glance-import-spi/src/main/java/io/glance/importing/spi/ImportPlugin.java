package io.glance.importing.spi;

/**
 * One step of an import between "the data is staged" and "the data is written to the stores". It may read the staged
 * file, replace it (decompression, conversion) and change the image's attributes. Any exception fails the import:
 * the image returns to {@code queued}, the staged data is removed and the task ends in {@code failure} with the
 * exception's message, so the message should say what was wrong. Called from one import worker at a time per
 * image, from several workers at once for different images: keep no per-import state in fields.
 */
@FunctionalInterface
public interface ImportPlugin {

    void apply(ImportContext context) throws Exception;

    /**
     * Whether this plugin can start before the staged data is complete, reading it as it arrives
     * ({@link ImportContext#arrivingStagedData()}). Only the first plugin listed is started early; a failure of the
     * plugin or of the download fails the import as either would alone.
     *
     * @since 1.2.0
     */
    default boolean readsArrivingData() {
        return false;
    }
}

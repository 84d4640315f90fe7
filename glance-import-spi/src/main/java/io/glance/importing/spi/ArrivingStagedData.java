package io.glance.importing.spi;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The staged data of a web-download while it still arrives ({@link ImportContext#arrivingStagedData}): a plugin that
 * can work on a growing file (image_conversion converts a qcow2 window by window once the clusters of a window are
 * there) starts while the rest downloads, instead of after it. The host counts only bytes that the format inspection
 * has already passed: nothing is readable before the inspector has accepted the header.
 *
 * @since 1.2.0
 */
public interface ArrivingStagedData {

    /**
     * The file the data is written into. It names the same data from the first byte until the plugin returns, also
     * after the download ended (when {@link ImportContext#stagedData()} names it too); only bytes below what
     * {@link #awaitWritten} returned may be read, and they never change.
     */
    Path file();

    /**
     * Waits until {@link #file()} holds at least {@code length} bytes, or until the data is complete.
     *
     * @return the bytes that may be read now: at least {@code length}, or all of the data when it is shorter
     * @throws IOException when the download failed or was refused (the import fails; the plugin should stop)
     */
    long awaitWritten(long length) throws IOException, InterruptedException;

    /**
     * Waits until the whole data has arrived and passed the ingest path's checks (size, cap, format inspection of
     * the data as a whole). From then on {@link ImportContext#stagedData()} holds it and may be replaced.
     *
     * @return the data's length
     * @throws IOException when the download failed or was refused
     */
    long awaitComplete() throws IOException, InterruptedException;
}

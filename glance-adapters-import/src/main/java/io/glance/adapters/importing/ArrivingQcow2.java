package io.glance.adapters.importing;

import io.glance.importing.spi.ArrivingStagedData;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * A qcow2 still downloading, as the source of {@link RawWindows}: a window is handed to qemu-img once the file holds
 * every byte {@link Qcow2HostOffsets} says the window needs, so that windows convert while the rest arrives. At the
 * first doubt about the layout it waits for the whole file instead, and the windows after that are converted from it
 * as if the download had ended before the conversion began (windows already done stay done: their bytes were all
 * there and never change).
 */
final class ArrivingQcow2 implements RawWindows.Source, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ArrivingQcow2.class.getName());

    private final ArrivingStagedData arriving;
    private final FileChannel file;
    /** {@code null} once in doubt: then every window waits for the whole file. */
    private Qcow2HostOffsets map;

    private ArrivingQcow2(ArrivingStagedData arriving, FileChannel file, Qcow2HostOffsets map) {
        this.arriving = arriving;
        this.file = file;
        this.map = map;
    }

    /**
     * Waits for the header, the L1 table and the refcount table (or, in doubt, for the whole file).
     *
     * @throws IOException when the download failed
     */
    static ArrivingQcow2 open(ArrivingStagedData arriving) throws IOException, InterruptedException {
        requireNonNull(arriving, "arriving is null");
        FileChannel file = FileChannel.open(arriving.file());
        try {
            Qcow2HostOffsets map = null;
            try {
                map = Qcow2HostOffsets.open(file, arriving::awaitWritten);
            } catch (Qcow2HostOffsets.Doubt doubt) {
                inDoubt(arriving, doubt);
            }
            return new ArrivingQcow2(arriving, file, map);
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            file.close();
            throw e;
        }
    }

    /** The file qemu-img reads: the downloading data's own name, valid until the import is over. */
    Path file() {
        return arriving.file();
    }

    @Override
    public Path ready(long offset, long size) throws IOException, InterruptedException {
        if (map != null) {
            try {
                long needed = map.needed(offset, size);
                arriving.awaitWritten(needed);
                // At least `needed` bytes, or the whole data (shorter: qemu-img reads the rest as zeros, as it
                // would after the download).
                return file();
            } catch (Qcow2HostOffsets.Doubt doubt) {
                map = null;
                inDoubt(arriving, doubt);
            }
        }
        return file();
    }

    private static void inDoubt(ArrivingStagedData arriving, Qcow2HostOffsets.Doubt doubt)
            throws IOException, InterruptedException {
        LOG.fine(() -> "Converting " + arriving.file() + " only once it is complete: " + doubt.getMessage());
        arriving.awaitComplete();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}

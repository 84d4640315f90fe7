package io.glance.ports.out;

import io.glance.domain.ImageId;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.List;
import java.util.OptionalLong;

/**
 * Where image data waits between PUT /stage (or a web-download, or copy-image's copy) and the import into the stores:
 * Glance's {@code node_staging_uri}, one file per image named by its id. Writes are atomic: the data appears under
 * its name complete or not at all, and a failed write leaves nothing behind.
 */
public interface StagingArea {

    /**
     * Writes all of {@code data} as the staged data of {@code id}.
     *
     * @return the bytes written
     * @throws io.glance.domain.ConflictException when data is already staged for the image
     * @throws IOException                        when reading {@code data} or writing fails (nothing is left)
     */
    long write(ImageId id, InputStream data) throws IOException;

    /**
     * Like {@link #write}, for data that only the import task running now reads (web-download, copy-image): a crash
     * loses the task with it, and the restart fails the task and removes its staged data, so the data need not be
     * forced to disk first. An fsync of a staged GiB was a whole pass over the disk that a conversion import paid
     * before qemu-img could start. By default the same as {@link #write}.
     */
    default long writeForTask(ImageId id, InputStream data) throws IOException {
        return write(id, data);
    }

    /**
     * {@link #writeForTask(ImageId, InputStream)} from a channel (a web-download's socket): an area that writes files
     * moves the bytes through one direct buffer, without the heap copies of a stream. By default read as a stream.
     */
    default long writeForTask(ImageId id, ReadableByteChannel data) throws IOException {
        return writeForTask(id, Channels.newInputStream(data));
    }

    /**
     * {@link #writeForTask(ImageId, ReadableByteChannel)} telling {@code progress} what is written as it goes, so that
     * an import step can read the data while it arrives. Only an area that {@link #reportsProgress()} calls it; by
     * default the progress is not reported.
     */
    default long writeForTask(ImageId id, ReadableByteChannel data, Progress progress) throws IOException {
        return writeForTask(id, data);
    }

    /** Whether {@link #writeForTask(ImageId, ReadableByteChannel, Progress)} reports its progress. */
    default boolean reportsProgress() {
        return false;
    }

    /** What a write into staging reports while it runs. */
    interface Progress {
        /**
         * The write began. {@code reading} is a {@code file:} URI of the data being written, which names it while it
         * grows, after it is published and until {@link #delete} (or a failed write) removes the staged data.
         */
        void started(URI reading) throws IOException;

        /**
         * The first {@code length} bytes are in the file (readable by other processes). An exception stops the
         * write, which then fails as if the data had failed.
         */
        void written(long length) throws IOException;
    }

    /** The size of the staged data, or empty when none is staged. */
    OptionalLong size(ImageId id);

    /** @throws java.nio.file.NoSuchFileException (an {@link IOException}) when nothing is staged */
    InputStream open(ImageId id) throws IOException;

    /**
     * Where the staged data is, a {@code file:} URI: import steps that need a file (qemu-img) work on it in place
     * and may replace it with {@link #replace}.
     */
    URI location(ImageId id);

    /** Puts the file at {@code newData} (in the same file system, e.g. next to {@link #location}) in place of the staged data. */
    void replace(ImageId id, URI newData) throws IOException;

    /** Removes the staged data of {@code id}, if any; never throws for missing data. */
    void delete(ImageId id);

    /** The images that have staged data (and leftovers of interrupted writes are removed). */
    List<ImageId> staged();

    /** For logs: where the area is. */
    String describe();
}

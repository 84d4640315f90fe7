package io.glance.store.filesystem;

import io.glance.store.spi.DuplicateObjectException;
import io.glance.store.spi.SizeMismatchException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Writes one image file so that it appears whole or not at all: the data goes to a partial file in the data
 * directory, is fsynced, then published under its final name without ever replacing an existing file, and the
 * directory is fsynced. The data is written past the page cache where the file system allows it
 * ({@link DirectFileWriter}). Every failure (client gone, size mismatch, disk full, permission, a host check tripping
 * inside the stream) deletes the partial file before the error propagates.
 */
final class ImageFileWriter {
    /** Large sequential writes: far fewer system calls than 8 KiB ones, and 1 MiB per running upload is cheap. */
    static final int BUFFER_SIZE = 1024 * 1024;
    private static final System.Logger LOG = System.getLogger(ImageFileWriter.class.getName());

    private final String storeId;
    private final DataDirectory directory;
    private final Optional<Set<PosixFilePermission>> permissions;
    private final boolean directIo;

    ImageFileWriter(String storeId, DataDirectory directory, Optional<Set<PosixFilePermission>> permissions) {
        this(storeId, directory, permissions, true);
    }

    /** @param directIo whether uploads are written past the page cache where the file system allows it */
    ImageFileWriter(String storeId, DataDirectory directory, Optional<Set<PosixFilePermission>> permissions,
                    boolean directIo) {
        this.storeId = requireNonNull(storeId, "storeId is null");
        this.directory = requireNonNull(directory, "directory is null");
        this.permissions = requireNonNull(permissions, "permissions is null");
        this.directIo = directIo;
    }

    /** Writes {@code data} to {@code target} and returns the number of bytes. */
    long write(String imageId, InputStream data, Path target) {
        Path partial = directory.newPartialPath(imageId);
        try {
            long size = writeDurably(imageId, data, partial);
            publish(imageId, partial, target);
            return size;
        } catch (RuntimeException | Error e) {
            discard(partial, e);
            throw e;
        }
    }

    /**
     * Publishes the host's complete file under {@code target} as a second name ({@code link(2)}) after forcing it to
     * disk: no byte is copied, and the name appears only once the data is durable, so no partial name is needed.
     * Where no hard link can be made (another file system, say) the file is copied as an upload would be.
     *
     * @return the file's size, which must be {@code size}
     */
    long adopt(String imageId, Path file, long size, Path target) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long actual = channel.size();
            if (actual != size) {
                throw new SizeMismatchException("the file " + file + " for image " + imageId + " holds " + actual
                        + " bytes, not the " + size + " announced");
            }
            channel.force(true);
        } catch (IOException e) {
            throw IoFailures.writing(storeId, imageId, e);
        }
        try {
            if (permissions.isPresent()) {
                Files.setPosixFilePermissions(file, permissions.get());
            }
            Files.createLink(target, file);
        } catch (FileAlreadyExistsException e) {
            throw duplicate(imageId, target, e);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(System.Logger.Level.DEBUG, "Filesystem store ''{0}'': cannot link {1} as image {2} ({3});"
                    + " copying it", storeId, file, imageId, e);
            try (InputStream data = Files.newInputStream(file)) {
                return write(imageId, data, target);
            } catch (IOException copyFailure) {
                throw IoFailures.writing(storeId, imageId, copyFailure);
            }
        }
        try {
            directory.sync();
        } catch (IOException e) {
            RuntimeException failure = IoFailures.writing(storeId, imageId, e);
            discard(target, failure);
            throw failure;
        }
        return size;
    }

    private long writeDurably(String imageId, InputStream data, Path partial) {
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long size;
            try (DirectFileWriter direct = directIo ? DirectFileWriter.open(partial, channel, BUFFER_SIZE) : null) {
                size = direct == null ? copy(imageId, data, channel) : copy(imageId, data, direct);
            }
            if (permissions.isPresent()) {
                Files.setPosixFilePermissions(partial, permissions.get());
            }
            // The bytes must reach the disk before the name does, or a crash could publish a file full of holes.
            channel.force(true);
            return size;
        } catch (IOException e) {
            throw IoFailures.writing(storeId, imageId, e);
        }
    }

    /** Copies to the end of the data; the host's stream holds it to the announced size (SPI 1.2). */
    private long copy(String imageId, InputStream data, FileChannel channel) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        ByteBuffer chunk = ByteBuffer.wrap(buffer);
        long total = 0;
        while (true) {
            int count = readFromClient(imageId, data, buffer, buffer.length, total);
            if (count == 0) {
                break;
            }
            total += count;
            chunk.clear().limit(count);
            while (chunk.hasRemaining()) {
                channel.write(chunk);
            }
        }
        return total;
    }

    /**
     * Copies to the end of the data past the page cache (see {@link DirectFileWriter}). {@code transferTo} lets the
     * host's stream hand over the buffers it already holds (its digest buffers) instead of filling one of ours: one
     * copy of every byte fewer. The direct writer gathers whatever sizes arrive into whole blocks. A failure of the
     * disk travels through the stream as a {@link DiskWriteFailure}, so that it is not taken for the client's.
     */
    private long copy(String imageId, InputStream data, DirectFileWriter direct) throws IOException {
        DirectOutput out = new DirectOutput(direct);
        try {
            data.transferTo(out);
        } catch (DiskWriteFailure e) {
            throw e.getCause();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the data of image " + imageId + " failed after "
                    + direct.size() + " bytes: " + e.getMessage(), e);
        }
        return direct.finish();
    }

    /** The direct writer as the target of {@link InputStream#transferTo}; it keeps no array it is given. */
    private static final class DirectOutput extends OutputStream {
        private final DirectFileWriter direct;

        DirectOutput(DirectFileWriter direct) {
            this.direct = direct;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            try {
                direct.write(bytes, offset, length);
            } catch (IOException e) {
                throw new DiskWriteFailure(e);
            }
        }
    }

    /** The disk's failure on its way out of the host's {@code transferTo}, told apart from the client's. */
    private static final class DiskWriteFailure extends RuntimeException {
        DiskWriteFailure(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    /** Fills the buffer (readNBytes keeps reading), so each disk write is large even when the network is not. */
    private static int readFromClient(String imageId, InputStream data, byte[] buffer, int wanted, long readSoFar) {
        try {
            return data.readNBytes(buffer, 0, wanted);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the data of image " + imageId + " failed after " + readSoFar
                    + " bytes: " + e.getMessage(), e);
        }
    }

    /**
     * Gives the partial file its final name. {@code link(2)} is atomic and fails when the name exists, which a
     * rename is not: {@code rename(2)} silently replaces, so two concurrent uploads of one image would both
     * "succeed". Filesystems without hard links fall back to an atomic move after an existence check, whose window
     * is the only place such a race remains.
     */
    private void publish(String imageId, Path partial, Path target) {
        try {
            link(imageId, partial, target);
        } catch (IOException e) {
            throw IoFailures.writing(storeId, imageId, e);
        }
        try {
            directory.sync();
        } catch (IOException e) {
            // The name may not survive a crash, so the write has not succeeded: take it back.
            RuntimeException failure = IoFailures.writing(storeId, imageId, e);
            discard(target, failure);
            throw failure;
        }
    }

    private void link(String imageId, Path partial, Path target) throws IOException {
        try {
            Files.createLink(target, partial);
        } catch (FileAlreadyExistsException e) {
            throw duplicate(imageId, target, e);
        } catch (IOException | UnsupportedOperationException e) {
            moveWithoutReplacing(imageId, partial, target, e);
            return;
        }
        try {
            Files.delete(partial);
        } catch (IOException e) {
            // The image is published; the partial name is only a second link to it, which the next start removes.
            LOG.log(System.Logger.Level.WARNING, "Filesystem store ''{0}'': cannot remove {1} after publishing image "
                    + "{2}: {3}", storeId, partial, imageId, IoFailures.reason(e));
        }
    }

    private void moveWithoutReplacing(String imageId, Path partial, Path target, Exception linkFailure)
            throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw duplicate(imageId, target, null);
        }
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            e.addSuppressed(linkFailure);
            throw e;
        }
    }

    private DuplicateObjectException duplicate(String imageId, Path target, Exception cause) {
        return new DuplicateObjectException("image " + imageId + " already has data in filesystem store '" + storeId
                + "' at " + target, cause);
    }

    /** Deletes what a failed write left; a failure to do so travels with the original error instead of hiding it. */
    private static void discard(Path path, Throwable failure) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}

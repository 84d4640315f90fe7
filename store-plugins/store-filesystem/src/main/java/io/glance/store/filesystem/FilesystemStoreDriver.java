package io.glance.store.filesystem;

import io.glance.store.spi.ByteRange;
import io.glance.store.spi.DuplicateObjectException;
import io.glance.store.spi.ListedObject;
import io.glance.store.spi.ObjectData;
import io.glance.store.spi.ObjectNotFoundException;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoredObject;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/** One filesystem store: image files in a local (or mounted) directory. Stateless apart from its configuration. */
final class FilesystemStoreDriver implements StoreDriver {
    private final String storeId;
    private final DataDirectory directory;
    private final ImageFileWriter writer;
    private final int chunkSize;

    FilesystemStoreDriver(String storeId, DataDirectory directory, FilesystemStoreConfig config) {
        this.storeId = requireNonNull(storeId, "storeId is null");
        this.directory = requireNonNull(directory, "directory is null");
        this.writer = new ImageFileWriter(storeId, directory, config.filePermissions());
        this.chunkSize = config.chunkSize();
    }

    @Override
    public String storeId() {
        return storeId;
    }

    @Override
    public StoredObject put(String imageId, InputStream data, long expectedSize) {
        requireNonNull(data, "data is null");
        Path target = directory.objectPath(imageId);
        // Checked again, atomically, when the file is published; checking first spares reading a whole upload.
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new DuplicateObjectException("image " + imageId + " already has data in filesystem store '"
                    + storeId + "' at " + target);
        }
        long size = writer.write(imageId, data, target);
        return new StoredObject(directory.locationOf(target), size, Map.of());
    }

    /** A regular file on the data directory's file system can be hard-linked into it instead of copied. */
    @Override
    public boolean takesLocalFile(Path file) {
        try {
            return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    && Files.getFileStore(file).equals(Files.getFileStore(directory.root()));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public StoredObject putLocalFile(String imageId, Path file, long size) {
        requireNonNull(file, "file is null");
        Path target = directory.objectPath(imageId);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new DuplicateObjectException("image " + imageId + " already has data in filesystem store '"
                    + storeId + "' at " + target);
        }
        long stored = writer.adopt(imageId, file, size, target);
        return new StoredObject(directory.locationOf(target), stored, Map.of());
    }

    @Override
    public URI locationOf(String imageId) {
        return directory.locationOf(directory.objectPath(requireNonNull(imageId, "imageId is null")));
    }

    @Override
    public ObjectData get(URI location, ByteRange range) {
        Path path = directory.pathOf(location);
        FileChannel channel = open(location, path);
        try {
            long size = channel.size();
            long offset = range == null ? 0 : range.offset();
            long length = range == null ? size : range.length();
            if (offset + length > size) {
                throw new IllegalArgumentException("range " + range + " lies beyond the end of " + location + " ("
                        + size + " bytes)");
            }
            InputStream stream = new TransferableBufferedStream(new ChannelRangeInputStream(channel, offset, length),
                    chunkSize);
            return new ObjectData(stream, length, size);
        } catch (IOException e) {
            RuntimeException failure = IoFailures.reading(storeId, location, e);
            closeAfterFailure(channel, failure);
            throw failure;
        } catch (RuntimeException e) {
            closeAfterFailure(channel, e);
            throw e;
        }
    }

    @Override
    public long size(URI location) {
        return attributes(location, directory.pathOf(location)).size();
    }

    @Override
    public void delete(URI location) {
        Path path = directory.pathOf(location);
        attributes(location, path);
        try {
            Files.delete(path);
            // Without this a crash could bring the file back, and a retried upload of the image would be refused.
            directory.sync();
        } catch (IOException e) {
            throw IoFailures.deleting(storeId, location, e);
        }
    }

    @Override
    public void list(Consumer<? super ListedObject> sink) {
        directory.forEachObject(requireNonNull(sink, "sink is null"));
    }

    @Override
    public void checkReachable() {
        directory.checkUsable();
    }

    @Override
    public Map<String, String> describe() {
        return Map.of("data_dir", directory.root().toString(), "chunk_size", Integer.toString(chunkSize));
    }

    private FileChannel open(URI location, Path path) {
        attributes(location, path);
        try {
            return FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw IoFailures.reading(storeId, location, e);
        }
    }

    /** The attributes of an image file; anything else at its path (a directory, a socket) counts as absent. */
    private BasicFileAttributes attributes(URI location, Path path) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            throw IoFailures.reading(storeId, location, e);
        }
        if (!attributes.isRegularFile()) {
            throw new ObjectNotFoundException("no object at " + location + " in filesystem store '" + storeId
                    + "': " + path + " is not a regular file");
        }
        return attributes;
    }

    private static void closeAfterFailure(FileChannel channel, Exception failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}

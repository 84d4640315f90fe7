package com.example.glance.cas;

import io.glance.store.spi.ByteRange;
import io.glance.store.spi.DuplicateObjectException;
import io.glance.store.spi.ObjectData;
import io.glance.store.spi.SizeMismatchException;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoreUnavailableException;
import io.glance.store.spi.StoredObject;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One {@code cas} store. Safe for concurrent use: uploads stream into their own temporary files without locks, and
 * only publishing and deleting take the lock of the content's digest ({@link BlobReferences}).
 *
 * <p>An upload is published in two atomic steps, each a hard link that fails rather than replace an existing name:
 * first the blob (unless the same content is already stored, in which case the upload's copy is dropped), then the
 * image's pointer. Whatever fails, the temporary files are removed, and so is a blob this upload created and no
 * pointer names.
 */
final class CasStoreDriver implements StoreDriver {
    /** Large writes mean few system calls; 256 KiB per running upload is cheap. */
    private static final int WRITE_BUFFER_SIZE = 256 * 1024;
    private static final int READ_BUFFER_SIZE = 64 * 1024;
    private static final System.Logger LOG = System.getLogger(CasStoreDriver.class.getName());

    private final String storeId;
    private final StoreDirectory directory;
    private final BlobReferences references;
    private final CasLocations locations;

    CasStoreDriver(String storeId, StoreDirectory directory, BlobReferences references) {
        this.storeId = requireNonNull(storeId, "storeId is null");
        this.directory = requireNonNull(directory, "directory is null");
        this.references = requireNonNull(references, "references is null");
        this.locations = new CasLocations(storeId);
    }

    @Override
    public String storeId() {
        return storeId;
    }

    @Override
    public StoredObject put(String imageId, InputStream data, long expectedSize) {
        requireNonNull(data, "data is null");
        Path pointer = directory.pointer(imageId);
        // Checked again, atomically, when the pointer is linked; checking first spares reading a whole upload.
        if (Files.exists(pointer, LinkOption.NOFOLLOW_LINKS)) {
            throw duplicate(imageId, null);
        }
        Path blobTemporary = directory.newTemporary("blob");
        Path pointerTemporary = directory.newTemporary("pointer");
        Throwable failure = null;
        try {
            Content content = writeBlob(imageId, data, expectedSize, blobTemporary);
            writePointer(imageId, content.digest(), pointerTemporary);
            references.locked(content.digest(), () -> {
                publish(imageId, content.digest(), blobTemporary, pointerTemporary, pointer);
                return null;
            });
            return new StoredObject(locations.locationOf(imageId), content.size(), Map.of("sha256", content.digest()));
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            // After success these are second names of published files, or a duplicate copy of stored content.
            removeTemporary(blobTemporary, failure);
            removeTemporary(pointerTemporary, failure);
        }
    }

    private record Content(String digest, long size) {
    }

    /** Streams the upload into {@code temporary}, hashing it on the way, and makes it durable. */
    private Content writeBlob(String imageId, InputStream data, long expectedSize, Path temporary) {
        MessageDigest sha256 = sha256();
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[WRITE_BUFFER_SIZE];
            long total = 0;
            while (true) {
                // With a known size, ask for at most one byte more than remains: that byte proves an oversized
                // upload without reading (and storing) the rest of it.
                int wanted = expectedSize < 0 ? buffer.length
                        : (int) Math.min(buffer.length, expectedSize - total + 1);
                int count = readFromClient(imageId, data, buffer, wanted, total);
                if (count == 0) {
                    break;
                }
                total += count;
                if (expectedSize >= 0 && total > expectedSize) {
                    throw new SizeMismatchException("image " + imageId + ": expected " + expectedSize
                            + " bytes, received more");
                }
                sha256.update(buffer, 0, count);
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, count);
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
            }
            if (expectedSize >= 0 && total != expectedSize) {
                throw new SizeMismatchException("image " + imageId + ": expected " + expectedSize
                        + " bytes, received " + total);
            }
            // The bytes must be on disk before any name points at them.
            channel.force(true);
            return new Content(HexFormat.of().formatHex(sha256.digest()), total);
        } catch (IOException e) {
            throw IoFailures.writing(storeId, "writing image " + imageId, e);
        }
    }

    /**
     * Fills the buffer (readNBytes keeps reading), so each write is large even when the network delivers little.
     * The host's own checks (size cap, quota) throw unchecked exceptions from {@code data}; they pass unchanged.
     */
    private static int readFromClient(String imageId, InputStream data, byte[] buffer, int wanted, long readSoFar) {
        try {
            return data.readNBytes(buffer, 0, wanted);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the data of image " + imageId + " failed after " + readSoFar
                    + " bytes: " + e.getMessage(), e);
        }
    }

    private void writePointer(String imageId, String digest, Path temporary) {
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            ByteBuffer content = ByteBuffer.wrap((digest + "\n").getBytes(StandardCharsets.US_ASCII));
            while (content.hasRemaining()) {
                channel.write(content);
            }
            channel.force(true);
        } catch (IOException e) {
            throw IoFailures.writing(storeId, "writing the pointer of image " + imageId, e);
        }
    }

    /** Links the blob (when new) and the pointer; runs with the digest's lock held. */
    private void publish(String imageId, String digest, Path blobTemporary, Path pointerTemporary, Path pointer) {
        Path blob = directory.blob(digest);
        boolean blobCreated = false;
        boolean pointerCreated = false;
        try {
            try {
                Files.createDirectories(blob.getParent());
                blobCreated = link(blob, blobTemporary);
                if (blobCreated) {
                    StoreDirectory.sync(blob.getParent());
                }
                if (!link(pointer, pointerTemporary)) {
                    throw duplicate(imageId, null);
                }
                pointerCreated = true;
                StoreDirectory.sync(pointer.getParent());
            } catch (IOException e) {
                throw IoFailures.writing(storeId, "publishing image " + imageId, e);
            }
            references.add(digest);
        } catch (RuntimeException | Error e) {
            if (pointerCreated) {
                discard(pointer, e);
            }
            if (blobCreated) {
                // Only this upload knew the blob: no pointer names it, and the lock keeps others from adding one.
                discard(blob, e);
            }
            throw e;
        }
    }

    /** Gives {@code source} the name {@code target} unless that exists; link(2) checks and creates atomically. */
    private static boolean link(Path target, Path source) throws IOException {
        try {
            Files.createLink(target, source);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    @Override
    public ObjectData get(URI location, ByteRange range) {
        Path blob = blobOf(location);
        FileChannel channel;
        try {
            channel = FileChannel.open(blob, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            // Deleted between reading the pointer and opening the blob.
            throw locations.notFound(location, e);
        } catch (IOException e) {
            throw IoFailures.reading(storeId, "reading " + location, e);
        }
        try {
            long size = channel.size();
            long offset = range == null ? 0 : range.offset();
            long length = range == null ? size : range.length();
            if (offset + length > size) {
                throw new IllegalArgumentException("range " + range + " lies beyond the end of " + location + " ("
                        + size + " bytes)");
            }
            InputStream stream = new BufferedInputStream(new RangeInputStream(channel, offset, length),
                    READ_BUFFER_SIZE);
            return new ObjectData(stream, length, size);
        } catch (IOException | RuntimeException e) {
            RuntimeException failure = e instanceof RuntimeException runtime ? runtime
                    : IoFailures.reading(storeId, "reading " + location, (IOException) e);
            try {
                channel.close();
            } catch (IOException closing) {
                failure.addSuppressed(closing);
            }
            throw failure;
        }
    }

    @Override
    public long size(URI location) {
        try {
            return Files.size(blobOf(location));
        } catch (NoSuchFileException e) {
            throw locations.notFound(location, e);
        } catch (IOException e) {
            throw IoFailures.reading(storeId, "reading the size of " + location, e);
        }
    }

    /**
     * Removes the image's pointer, and the blob with it when no other pointer names the blob. If the image was
     * deleted and uploaded again with other content between reading its pointer and taking the lock, the lock of
     * the new content is taken instead.
     */
    @Override
    public void delete(URI location) {
        Path pointer = directory.pointer(locations.imageIdOf(location));
        while (true) {
            String digest = digestOf(location, pointer);
            boolean deleted = references.locked(digest, () -> {
                if (!digest.equals(digestOf(location, pointer))) {
                    return false;
                }
                removePointer(location, pointer, digest);
                return true;
            });
            if (deleted) {
                return;
            }
        }
    }

    /** Runs with the digest's lock held. */
    private void removePointer(URI location, Path pointer, String digest) {
        int remaining;
        try {
            Files.delete(pointer);
            remaining = references.remove(digest);
            // Durable before the blob goes: a pointer that came back after a crash would name nothing.
            StoreDirectory.sync(pointer.getParent());
        } catch (NoSuchFileException e) {
            throw locations.notFound(location, e);
        } catch (IOException e) {
            throw IoFailures.writing(storeId, "deleting " + location, e);
        }
        if (remaining == 0) {
            Path blob = directory.blob(digest);
            try {
                Files.deleteIfExists(blob);
            } catch (IOException e) {
                // The image is gone; the unreferenced blob is removed when the store next starts.
                LOG.log(System.Logger.Level.WARNING, "cas store ''{0}'': cannot remove blob {1} after deleting {2}: "
                        + "{3}", storeId, blob, location, IoFailures.reason(e));
            }
        }
    }

    @Override
    public Map<String, String> describe() {
        return Map.of(CasStoreConfig.ROOT, directory.root().toString(), "hash_algorithm", "sha256");
    }

    @Override
    public void close() {
        directory.close();
    }

    private Path blobOf(URI location) {
        return directory.blob(digestOf(location, directory.pointer(locations.imageIdOf(location))));
    }

    private String digestOf(URI location, Path pointer) {
        String digest;
        try {
            digest = StoreDirectory.readPointer(pointer);
        } catch (NoSuchFileException e) {
            throw locations.notFound(location, e);
        } catch (IOException e) {
            throw IoFailures.reading(storeId, "reading the pointer of " + location, e);
        }
        if (digest == null) {
            throw new StoreUnavailableException("cas store '" + storeId + "': the pointer " + pointer + " of "
                    + location + " holds no SHA-256 digest");
        }
        return digest;
    }

    private DuplicateObjectException duplicate(String imageId, Exception cause) {
        return new DuplicateObjectException("image " + imageId + " already has data in cas store '" + storeId + "'",
                cause);
    }

    private static void removeTemporary(Path temporary, Throwable failure) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            } else {
                // Stored anyway; the leftover is removed when the store next starts.
                LOG.log(System.Logger.Level.WARNING, "cas store: cannot remove {0}: {1}", temporary,
                        IoFailures.reason(e));
            }
        }
    }

    /** Deletes what a failed write left; a failure to do so travels with the original error instead of hiding it. */
    private static void discard(Path path, Throwable failure) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

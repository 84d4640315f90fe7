package com.example.glance.cas;

import io.glance.store.spi.BadStoreConfigurationException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The layout of a store's root directory, owned by exactly one driver at a time:
 * <pre>
 * &lt;root&gt;/.lock                      held (flock) while a driver owns the root
 * &lt;root&gt;/tmp/*.partial               uploads and pointers being written
 * &lt;root&gt;/index/&lt;image id&gt;           pointer: the SHA-256 (hex) of the image's content
 * &lt;root&gt;/&lt;2 hex&gt;/&lt;sha256&gt;            blob: the content, once per distinct digest
 * </pre>
 * Ownership is what makes the in-memory reference counts of {@link BlobReferences} true: no other process, and no
 * other store in this one, adds or removes pointers behind the owner's back. It is enforced twice, because a
 * {@link FileLock} guards against other processes only, and closing any channel on the lock file would drop it.
 */
final class StoreDirectory implements AutoCloseable {
    static final String LOCK = ".lock";
    static final String INDEX = "index";
    static final String TMP = "tmp";
    static final String PARTIAL_SUFFIX = ".partial";

    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern PREFIX = Pattern.compile("[0-9a-f]{2}");
    private static final System.Logger LOG = System.getLogger(StoreDirectory.class.getName());
    /** Roots owned by drivers of this plugin in this JVM, as real paths. */
    private static final Set<Path> OWNED = ConcurrentHashMap.newKeySet();

    private final String storeId;
    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private boolean closed;

    private StoreDirectory(String storeId, Path root, FileChannel lockChannel, FileLock lock) {
        this.storeId = storeId;
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates the directories when missing and takes ownership of the root, so that misconfiguration (an unwritable
     * directory, a filesystem without hard links, a root already in use) fails when the store is created.
     */
    static StoreDirectory open(String storeId, Path configuredRoot) {
        requireNonNull(storeId, "storeId is null");
        Path root;
        try {
            Files.createDirectories(configuredRoot.resolve(INDEX));
            Files.createDirectories(configuredRoot.resolve(TMP));
            root = configuredRoot.toRealPath();
        } catch (FileAlreadyExistsException e) {
            throw unusable(storeId, configuredRoot, "it or a directory in it exists and is not a directory", e);
        } catch (IOException e) {
            throw unusable(storeId, configuredRoot, "it cannot be created: " + IoFailures.reason(e), e);
        }
        if (!OWNED.add(root)) {
            throw unusable(storeId, root, "another store of this glance-api already uses it", null);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            StoreDirectory directory = new StoreDirectory(storeId, root, channel, lock(storeId, root, channel));
            directory.probeHardLinks();
            return directory;
        } catch (IOException e) {
            BadStoreConfigurationException failure = unusable(storeId, root, "cannot lock " + root.resolve(LOCK)
                    + ": " + IoFailures.reason(e), e);
            release(root, channel, failure);
            throw failure;
        } catch (RuntimeException | Error e) {
            release(root, channel, e);
            throw e;
        }
    }

    private static FileLock lock(String storeId, Path root, FileChannel channel) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            throw unusable(storeId, root, "another store of this glance-api already uses it", e);
        }
        if (lock == null) {
            throw unusable(storeId, root, "another process (a second glance-api?) uses it", null);
        }
        return lock;
    }

    /** Undoes a failed {@link #open}: closing the channel releases the lock, if taken. */
    private static void release(Path root, FileChannel channel, Throwable failure) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            failure.addSuppressed(e);
        } finally {
            OWNED.remove(root);
        }
    }

    /** Publishing relies on link(2), which fails where a rename would silently replace; prove it works here. */
    private void probeHardLinks() {
        Path probe = newTemporary("probe");
        Path link = newTemporary("probe-link");
        try {
            Files.createFile(probe);
            Files.createLink(link, probe);
        } catch (IOException | UnsupportedOperationException e) {
            String reason = e instanceof IOException io ? IoFailures.reason(io) : e.toString();
            throw unusable(storeId, root, "it is not writable or has no hard links: " + reason, e);
        } finally {
            try {
                Files.deleteIfExists(link);
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cas store ''{0}'': cannot remove {1}: {2}", storeId, probe,
                        IoFailures.reason(e));
            }
        }
    }

    /**
     * Removes what a stopped process left behind and counts the pointers to each blob. Everything under
     * {@code tmp/} is stale: this driver owns the root and has not started writing. A blob no pointer names was
     * being published or deleted when the process died, and is unreachable.
     */
    BlobReferences recover() {
        try {
            int partials = 0;
            try (DirectoryStream<Path> files = Files.newDirectoryStream(root.resolve(TMP))) {
                for (Path file : files) {
                    Files.deleteIfExists(file);
                    partials++;
                }
            }
            BlobReferences references = new BlobReferences();
            try (DirectoryStream<Path> pointers = Files.newDirectoryStream(root.resolve(INDEX))) {
                for (Path pointer : pointers) {
                    String imageId = pointer.getFileName().toString();
                    String digest = CasLocations.isImageId(imageId) ? readPointer(pointer) : null;
                    if (digest == null) {
                        LOG.log(System.Logger.Level.WARNING, "cas store ''{0}'': ignoring {1}, which is not a "
                                + "pointer file", storeId, pointer);
                    } else {
                        references.add(digest);
                    }
                }
            }
            int orphans = removeOrphanBlobs(references);
            if (partials + orphans > 0) {
                LOG.log(System.Logger.Level.INFO, "cas store ''{0}'': removed {1} partial file(s) and {2} "
                        + "unreferenced blob(s) left in {3} by an earlier stop", storeId, partials, orphans, root);
            }
            return references;
        } catch (IOException e) {
            throw unusable(storeId, root, "cannot recover its contents: " + IoFailures.reason(e), e);
        }
    }

    private int removeOrphanBlobs(BlobReferences references) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> prefixes = Files.newDirectoryStream(root,
                path -> PREFIX.matcher(path.getFileName().toString()).matches() && Files.isDirectory(path))) {
            for (Path prefix : prefixes) {
                try (DirectoryStream<Path> blobs = Files.newDirectoryStream(prefix)) {
                    for (Path blob : blobs) {
                        String digest = blob.getFileName().toString();
                        if (isDigest(digest) && references.count(digest) == 0) {
                            Files.delete(blob);
                            removed++;
                        }
                    }
                }
            }
        }
        return removed;
    }

    Path root() {
        return root;
    }

    Path pointer(String imageId) {
        return root.resolve(INDEX).resolve(CasLocations.requireImageId(storeId, imageId));
    }

    Path blob(String digest) {
        if (!isDigest(digest)) {
            throw new IllegalArgumentException("not a SHA-256 digest in hex: '" + digest + "'");
        }
        return root.resolve(digest.substring(0, 2)).resolve(digest);
    }

    /** A fresh, unused name under {@code tmp/}; nothing is created. */
    Path newTemporary(String purpose) {
        String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        return root.resolve(TMP).resolve(purpose + "-" + random + PARTIAL_SUFFIX);
    }

    /**
     * The digest a pointer file holds, or {@code null} when its content is not one.
     *
     * @throws java.nio.file.NoSuchFileException when there is no pointer
     */
    static String readPointer(Path pointer) throws IOException {
        String digest = Files.readString(pointer).strip();
        return isDigest(digest) ? digest : null;
    }

    static boolean isDigest(String name) {
        return DIGEST.matcher(name).matches();
    }

    /** Makes the creation or removal of names in {@code directory} durable; a file's own fsync does not. */
    static void sync(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Gives up ownership of the root. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cas store ''{0}'': cannot unlock {1}: {2}", storeId, root,
                    IoFailures.reason(e));
        } finally {
            OWNED.remove(root);
        }
    }

    private static BadStoreConfigurationException unusable(String storeId, Path root, String reason,
                                                           Throwable cause) {
        return new BadStoreConfigurationException("cas store '" + storeId + "': " + CasStoreConfig.ROOT + " " + root
                + " is unusable: " + reason, cause);
    }
}

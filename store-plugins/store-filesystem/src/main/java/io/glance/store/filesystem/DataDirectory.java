package io.glance.store.filesystem;

import io.glance.store.spi.BadStoreConfigurationException;
import io.glance.store.spi.ListedObject;
import io.glance.store.spi.ObjectNotFoundException;
import io.glance.store.spi.StoreUnavailableException;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The layout of one data directory. Image files are named by image id directly inside it, so locations look like
 * glance_store's ({@code file:///var/lib/glance/images/<id>}). Uploads in progress are hidden files named
 * {@code .<id>.<random>.partial} next to them: the same directory keeps the final rename on one filesystem (hence
 * atomic), and the leading dot keeps them out of the namespace of locations.
 */
final class DataDirectory {
    static final String PARTIAL_SUFFIX = ".partial";

    /** Image ids are UUIDs; anything else that is a plain, visible file name is accepted too. */
    private static final Pattern OBJECT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    private static final System.Logger LOG = System.getLogger(DataDirectory.class.getName());

    private final String storeId;
    private final Path root;

    private DataDirectory(String storeId, Path root) {
        this.storeId = requireNonNull(storeId, "storeId is null");
        this.root = requireNonNull(root, "root is null");
    }

    /** Creates the directory when missing and proves it is writable, so misconfiguration fails at startup. */
    static DataDirectory prepare(String storeId, Path root) {
        try {
            Files.createDirectories(root);
        } catch (FileAlreadyExistsException e) {
            throw unusable(storeId, root, "it exists and is not a directory", e);
        } catch (IOException e) {
            throw unusable(storeId, root, "it cannot be created: " + IoFailures.reason(e), e);
        }
        if (!Files.isDirectory(root)) {
            throw unusable(storeId, root, "it is not a directory", null);
        }
        try {
            // access(2) answers for the real uid and ignores read-only mounts and ACLs; creating a file does not.
            Files.delete(Files.createTempFile(root, ".write-probe-", PARTIAL_SUFFIX));
        } catch (IOException e) {
            throw unusable(storeId, root, "it is not writable: " + IoFailures.reason(e), e);
        }
        return new DataDirectory(storeId, root);
    }

    /**
     * The healthcheck's question: is the directory still there and writable (a file created and deleted)?
     *
     * @throws StoreUnavailableException saying what is wrong
     */
    void checkUsable() {
        if (!Files.isDirectory(root)) {
            throw new StoreUnavailableException("filesystem store '" + storeId + "': " + root + " is not a directory",
                    null);
        }
        try {
            Files.delete(Files.createTempFile(root, ".write-probe-", PARTIAL_SUFFIX));
        } catch (IOException e) {
            throw new StoreUnavailableException("filesystem store '" + storeId + "': " + root + " is not writable: "
                    + IoFailures.reason(e), e);
        }
    }

    Path root() {
        return root;
    }

    /** Where the image file of {@code imageId} lives. */
    Path objectPath(String imageId) {
        requireNonNull(imageId, "imageId is null");
        if (!OBJECT_NAME.matcher(imageId).matches()) {
            throw new IllegalArgumentException("image id cannot name a file in filesystem store '" + storeId + "': '"
                    + imageId + "'");
        }
        return root.resolve(imageId);
    }

    /** A fresh, unused name for an upload of {@code imageId} in progress. */
    Path newPartialPath(String imageId) {
        String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        return root.resolve("." + objectPath(imageId).getFileName() + "." + random + PARTIAL_SUFFIX);
    }

    URI locationOf(Path objectPath) {
        return objectPath.toUri();
    }

    /**
     * The image file a location names. Only files directly inside this data directory qualify, so a location
     * (which the database stores and an image owner may have set) cannot reach other files or uploads in progress.
     *
     * @throws ObjectNotFoundException when the location is not one of this directory's image files
     */
    Path pathOf(URI location) {
        requireNonNull(location, "location is null");
        Path path;
        try {
            if (!"file".equalsIgnoreCase(location.getScheme())) {
                throw notHere(location, "not a file: location");
            }
            path = Path.of(location).normalize();
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw notHere(location, e.getMessage());
        }
        Path name = path.getFileName();
        if (name == null || !root.equals(path.getParent()) || !OBJECT_NAME.matcher(name.toString()).matches()) {
            throw notHere(location, "outside its data directory " + root);
        }
        return path;
    }

    /**
     * Hands each image file of the directory to {@code sink} as the directory is read: plain files with an object
     * name, so uploads in progress (hidden {@code .partial} files), probes and subdirectories are left out. A file
     * deleted between the directory entry and its attributes is skipped.
     *
     * @throws StoreUnavailableException when the directory cannot be read
     */
    void forEachObject(Consumer<? super ListedObject> sink) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root,
                entry -> OBJECT_NAME.matcher(entry.getFileName().toString()).matches())) {
            for (Path entry : entries) {
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException gone) {
                    continue;
                }
                if (attributes.isRegularFile()) {
                    sink.accept(new ListedObject(entry.getFileName().toString(), locationOf(entry),
                            attributes.size(), attributes.lastModifiedTime().toInstant()));
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            IOException cause = e instanceof DirectoryIteratorException iterator ? iterator.getCause()
                    : (IOException) e;
            throw new StoreUnavailableException("filesystem store '" + storeId + "': cannot list " + root + ": "
                    + IoFailures.reason(cause), cause);
        }
    }

    /** Makes renames and deletions in the directory durable; a file's own fsync does not cover its name. */
    void sync() throws IOException {
        try (FileChannel directory = FileChannel.open(root, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    /**
     * Deletes upload files last modified before {@code cutoff}. Only a process killed mid-upload (kill -9, power
     * loss) leaves them behind: every failure a running driver sees deletes its own. The cutoff spares uploads that
     * another glance-api sharing this directory (a common NFS setup) is still writing, as those keep touching
     * their file.
     *
     * @return how many files were removed
     */
    int removeStalePartials(Instant cutoff) {
        int removed = 0;
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(root, ".*" + PARTIAL_SUFFIX)) {
            for (Path partial : partials) {
                if (removeIfStale(partial, cutoff)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            // Cleaning up is housekeeping: the store still works, so say loudly what was left and carry on.
            LOG.log(System.Logger.Level.WARNING, "Filesystem store ''{0}'': cannot list {1} for stale partial uploads: "
                    + "{2}", storeId, root, IoFailures.reason(e));
        }
        if (removed > 0) {
            LOG.log(System.Logger.Level.INFO, "Filesystem store ''{0}'': removed {1} partial upload(s) left in {2} "
                    + "by an earlier stop", storeId, removed, root);
        }
        return removed;
    }

    private boolean removeIfStale(Path partial, Instant cutoff) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(partial, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attributes.isRegularFile() && attributes.lastModifiedTime().toInstant().isBefore(cutoff)) {
                return Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Filesystem store ''{0}'': cannot remove stale partial upload {1}: "
                    + "{2}", storeId, partial, IoFailures.reason(e));
        }
        return false;
    }

    private ObjectNotFoundException notHere(URI location, String reason) {
        return new ObjectNotFoundException("no object at " + location + " in filesystem store '" + storeId + "': "
                + reason);
    }

    private static BadStoreConfigurationException unusable(String storeId, Path root, String reason, Exception cause) {
        return new BadStoreConfigurationException("filesystem store '" + storeId + "': "
                + FilesystemStoreConfig.DATADIR + " " + root + " is unusable: " + reason, cause);
    }
}

package io.glance.adapters.imagecache;

import io.glance.domain.ImageId;
import io.glance.ports.out.ImageCache;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * {@link ImageCache} in a directory of this node, laid out as Glance's: {@code <id>} complete copies,
 * {@code incomplete/<id>} copies being written, {@code invalid/<id>} copies that failed verification,
 * {@code queue/<id>} empty markers of queued images; and {@code meta/<id>}, the record of each complete copy
 * ({@link CopyRecord}: what Glance's xattr driver keeps in extended attributes, without needing a file system that
 * has them). The directory belongs to one glance-api process: what it finds in {@code incomplete/} at start is left
 * from a stop and is deleted.
 */
public final class DirectoryImageCache implements ImageCache {
    private static final Logger LOG = Logger.getLogger(DirectoryImageCache.class.getName());
    private static final int WRITE_BUFFER = 256 * 1024;

    private final Path directory;
    private final Path incomplete;
    private final Path invalid;
    private final Path queue;
    private final Path meta;
    private final Clock clock;
    private final ConcurrentHashMap<ImageId, DirectoryFill> writing = new ConcurrentHashMap<>();
    /** Guards the records: a hit's update and a removal do not interleave. */
    private final Object records = new Object();

    public DirectoryImageCache(Path directory, Clock clock) {
        this.directory = requireNonNull(directory, "directory is null").toAbsolutePath();
        this.clock = requireNonNull(clock, "clock is null");
        this.incomplete = this.directory.resolve("incomplete");
        this.invalid = this.directory.resolve("invalid");
        this.queue = this.directory.resolve("queue");
        this.meta = this.directory.resolve("meta");
        try {
            for (Path folder : List.of(this.directory, incomplete, invalid, queue, meta)) {
                Files.createDirectories(folder);
            }
            for (Path leftover : entries(incomplete)) {
                Files.deleteIfExists(leftover);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use image_cache_dir " + directory + ": " + e.getMessage(), e);
        }
    }

    public Path directory() {
        return directory;
    }

    @Override
    public Optional<InputStream> open(ImageId id, long expectedSize, String expectedDigest, long offset,
                                      long length) {
        Path data = data(id);
        synchronized (records) {
            if (!Files.exists(data)) {
                return Optional.empty();
            }
            Optional<CopyRecord> record = CopyRecord.read(meta(id));
            String problem = record.isEmpty() ? "it has no record"
                    : problem(data, record.get(), expectedSize, expectedDigest);
            if (problem != null) {
                LOG.warning("The cached copy of image " + id + " is not served and moved to " + invalid
                        + ": " + problem);
                invalidate(id);
                return Optional.empty();
            }
            FileChannel channel;
            try {
                channel = FileChannel.open(data, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Cannot read the cached copy of image " + id, e);
                return Optional.empty();
            }
            try {
                record.get().hit(clock.instant()).write(meta(id));
            } catch (IOException e) {
                LOG.log(Level.FINE, "Cannot count a hit of image " + id, e);
            }
            return Optional.of(new BoundedFileStream(channel, offset, length));
        }
    }

    /** Why a copy is not what its record says, or null. */
    private static String problem(Path data, CopyRecord record, long expectedSize, String expectedDigest) {
        try {
            long size = Files.size(data);
            long modified = Files.getLastModifiedTime(data).to(TimeUnit.NANOSECONDS);
            if (record.size() != expectedSize) {
                return "it holds " + record.size() + " bytes, the image has " + expectedSize;
            }
            if (size != record.size()) {
                return "its file has " + size + " bytes, " + record.size() + " were verified";
            }
            if (modified != record.fileModified()) {
                return "its file was modified after it was verified";
            }
            if (!record.digest().equals(expectedDigest)) {
                return "it was verified as " + record.digest() + ", the image has " + expectedDigest;
            }
            return null;
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public Optional<Fill> startFill(ImageId id) {
        if (Files.exists(data(id))) {
            return Optional.empty();
        }
        DirectoryFill fill = new DirectoryFill(id);
        if (writing.putIfAbsent(id, fill) != null) {
            return Optional.empty();
        }
        try {
            fill.open();
            return Optional.of(fill);
        } catch (IOException e) {
            writing.remove(id, fill);
            LOG.log(Level.WARNING, "Cannot start caching image " + id + " in " + incomplete, e);
            return Optional.empty();
        }
    }

    @Override
    public void invalidate(ImageId id) {
        synchronized (records) {
            try {
                Files.deleteIfExists(meta(id));
                if (Files.exists(data(id))) {
                    Files.move(data(id), invalid.resolve(id.value()), StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Cannot move the cached copy of image " + id + " aside", e);
            }
        }
    }

    @Override
    public boolean remove(ImageId id) {
        boolean removed = false;
        DirectoryFill fill = writing.get(id);
        if (fill != null) {
            fill.cancel();
            removed = true;
        }
        synchronized (records) {
            try {
                removed |= Files.deleteIfExists(data(id));
                Files.deleteIfExists(meta(id));
                removed |= Files.deleteIfExists(queue.resolve(id.value()));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot remove image " + id + " from the cache", e);
            }
        }
        return removed;
    }

    @Override
    public List<CachedImage> cached() {
        List<CachedImage> cached = new ArrayList<>();
        for (Path file : regularFiles(directory)) {
            ImageId id = new ImageId(file.getFileName().toString());
            CopyRecord.read(meta(id)).ifPresent(record -> cached.add(new CachedImage(id, record.size(),
                    record.hits(), record.lastAccessed(), record.lastModified())));
        }
        return cached;
    }

    @Override
    public List<ImageId> queued() {
        record Queued(ImageId id, FileTime since) {
        }
        List<Queued> queued = new ArrayList<>();
        for (Path file : regularFiles(queue)) {
            try {
                queued.add(new Queued(new ImageId(file.getFileName().toString()), Files.getLastModifiedTime(file)));
            } catch (IOException e) {
                // dequeued meanwhile
            }
        }
        queued.sort(Comparator.comparing(Queued::since).thenComparing(q -> q.id().value()));
        return queued.stream().map(Queued::id).toList();
    }

    @Override
    public boolean queue(ImageId id) {
        try {
            Files.createFile(queue.resolve(id.value()));
            return true;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot queue image " + id + " in " + queue, e);
        }
    }

    @Override
    public void dequeue(ImageId id) {
        try {
            Files.deleteIfExists(queue.resolve(id.value()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot dequeue image " + id, e);
        }
    }

    @Override
    public int clearCached() {
        int cleared = 0;
        for (CachedImage image : cached()) {
            synchronized (records) {
                try {
                    if (Files.deleteIfExists(data(image.id()))) {
                        cleared++;
                    }
                    Files.deleteIfExists(meta(image.id()));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot remove image " + image.id() + " from the cache", e);
                }
            }
        }
        return cleared;
    }

    @Override
    public int clearQueue() {
        int cleared = 0;
        for (ImageId id : queued()) {
            try {
                if (Files.deleteIfExists(queue.resolve(id.value()))) {
                    cleared++;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot dequeue image " + id, e);
            }
        }
        return cleared;
    }

    @Override
    public int clean(Duration stallTime) {
        int deleted = 0;
        for (Path file : regularFiles(invalid)) {
            deleted += delete(file) ? 1 : 0;
        }
        Instant stalledBefore = clock.instant().minus(stallTime);
        for (Path file : regularFiles(incomplete)) {
            try {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(stalledBefore)) {
                    DirectoryFill fill = writing.get(new ImageId(file.getFileName().toString()));
                    if (fill != null) {
                        fill.cancel();
                    }
                    deleted += delete(file) ? 1 : 0;
                }
            } catch (IOException e) {
                // finished meanwhile
            }
        }
        // Records whose copy is gone (a stop between writing a record and publishing its copy).
        for (Path record : regularFiles(meta)) {
            String name = record.getFileName().toString();
            if (!name.startsWith(".") && !Files.exists(directory.resolve(name))) {
                delete(record);
            }
        }
        return deleted;
    }

    private static boolean delete(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot delete " + file, e);
            return false;
        }
    }

    private Path data(ImageId id) {
        return directory.resolve(id.value());
    }

    private Path meta(ImageId id) {
        return meta.resolve(id.value());
    }

    /** Files of a folder named like image ids (not the sub-folders, not temporary files). */
    private static List<Path> regularFiles(Path folder) {
        List<Path> files = new ArrayList<>();
        for (Path file : entries(folder)) {
            if (Files.isRegularFile(file) && ImageId.isValid(file.getFileName().toString())) {
                files.add(file);
            }
        }
        return files;
    }

    private static List<Path> entries(Path folder) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
        return entries;
    }

    /** A copy being written to {@code incomplete/<id>}, published by renaming it to {@code <id>}. */
    private final class DirectoryFill implements Fill {
        private final ImageId id;
        private final Path file;
        private OutputStream out;
        private volatile boolean cancelled;

        DirectoryFill(ImageId id) {
            this.id = id;
            this.file = incomplete.resolve(id.value());
        }

        void open() throws IOException {
            out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), WRITE_BUFFER);
        }

        /** The image was deleted or the copy stalled: it will not be published. */
        void cancel() {
            cancelled = true;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (cancelled) {
                throw new IOException("caching image " + id + " was cancelled");
            }
            out.write(bytes, offset, length);
        }

        @Override
        public void commit(long size, String digest) throws IOException {
            try {
                out.close();
                if (cancelled) {
                    throw new IOException("caching image " + id + " was cancelled");
                }
                long written = Files.size(file);
                if (written != size) {
                    throw new IOException(written + " bytes were written to " + file + ", not " + size);
                }
                Instant now = clock.instant();
                synchronized (records) {
                    // The record first: a copy is never visible without one (a record without a copy is ignored).
                    long modified = Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS);
                    new CopyRecord(size, digest, modified, 0, now, now).write(meta(id));
                    Files.move(file, data(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
                LOG.info("Cached image " + id + " (" + size + " bytes, " + digest.substring(0,
                        Math.min(digest.length(), 20)) + "...)");
            } finally {
                writing.remove(id, this);
                Files.deleteIfExists(file);
            }
        }

        @Override
        public void discard(boolean failedVerification) {
            try {
                out.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "Closing " + file, e);
            }
            try {
                if (failedVerification && !cancelled) {
                    Files.move(file, invalid.resolve(id.value()), StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Cannot clear " + file, e);
            } finally {
                writing.remove(id, this);
            }
        }
    }
}

package io.glance.server;

import io.glance.domain.ConflictException;
import io.glance.domain.ImageId;
import io.glance.ports.out.StagingArea;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * The staging area as a directory ({@code node_staging_uri}, Glance's private filesystem store): the staged data of
 * an image is the file named by its id. A write goes to {@code .<id>.<random>.partial} and is published with a hard
 * link, which fails when the name is taken (so two writers cannot both publish), and is flushed to disk first: staged
 * data acknowledged by a 204 survives a crash. A failed write removes its partial file; one a crash left behind is
 * removed by {@link #staged()} at start. Data that {@link #replace} puts aside keeps a partial name until {@link
 * #delete} removes it with the staged data.
 */
final class FileStagingArea implements StagingArea {
    private static final Logger LOG = Logger.getLogger(FileStagingArea.class.getName());
    private static final String PARTIAL = ".partial";
    private static final int BUFFER = 1024 * 1024;
    /**
     * A channel's reads and writes: small enough that what a socket read put in it is still in the core's cache when
     * it is written to the file, large enough that a fast sender fills it in one read.
     */
    private static final int CHANNEL_BUFFER = 256 * 1024;

    private final Path directory;
    /**
     * Other names of an image's staged data, until {@link #delete} removes them: files {@link #replace} moved aside,
     * and the name under which an import step read the data while it arrived.
     */
    private final Map<ImageId, List<Path>> replaced = new ConcurrentHashMap<>();

    FileStagingArea(Path directory) {
        this.directory = requireNonNull(directory, "directory is null").toAbsolutePath();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the staging directory " + directory, e);
        }
    }

    /** The directory of a {@code file://} {@code node_staging_uri}. */
    static FileStagingArea of(String nodeStagingUri) {
        return new FileStagingArea(Path.of(URI.create(nodeStagingUri)));
    }

    @Override
    public long write(ImageId id, InputStream data) throws IOException {
        return write(id, data, true);
    }

    /** Not forced to disk: a crash fails the task that reads it, and the restart removes it. */
    @Override
    public long writeForTask(ImageId id, InputStream data) throws IOException {
        return write(id, data, false);
    }

    /**
     * Not forced to disk either; the bytes go from the channel into one direct buffer and from there into the file
     * (a stream's bytes pass through a heap array, which the JDK copies once more on each side).
     */
    @Override
    public long writeForTask(ImageId id, ReadableByteChannel data) throws IOException {
        return writeForTask(id, data, null);
    }

    /**
     * With {@code progress}: the partial file gets a second partial name at once, handed to {@link
     * Progress#started}, which stays after the publication (the first partial name goes then) until {@link #delete};
     * each buffer written is reported.
     */
    @Override
    public long writeForTask(ImageId id, ReadableByteChannel data, Progress progress) throws IOException {
        return write(id, false, progress, out -> {
            ByteBuffer buffer = ByteBuffer.allocateDirect(CHANNEL_BUFFER);
            long written = 0;
            while (data.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    written += out.write(buffer);
                }
                buffer.clear();
                if (progress != null) {
                    progress.written(written);
                }
            }
            return written;
        });
    }

    @Override
    public boolean reportsProgress() {
        return true;
    }

    private long write(ImageId id, InputStream data, boolean durable) throws IOException {
        return write(id, durable, null, channel -> {
            long written = 0;
            OutputStream out = Channels.newOutputStream(channel);
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = data.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                written += read;
            }
            return written;
        });
    }

    /** Fills the partial file; returns the bytes written. */
    private interface Filling {
        long fill(FileChannel partial) throws IOException;
    }

    private long write(ImageId id, boolean durable, Progress progress, Filling filling) throws IOException {
        Path target = file(id);
        if (Files.exists(target)) {
            throw new ConflictException("The image " + id + " has data on staging");
        }
        Path partial = directory.resolve("." + id.value() + "." + UUID.randomUUID() + PARTIAL);
        Path reading = null;
        try {
            long written;
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                if (progress != null) {
                    reading = directory.resolve("." + id.value() + "." + UUID.randomUUID() + PARTIAL);
                    Files.createLink(reading, partial);
                    progress.started(reading.toUri());
                }
                written = filling.fill(channel);
                if (durable) {
                    channel.force(true);
                }
            }
            try {
                Files.createLink(target, partial);
            } catch (FileAlreadyExistsException e) {
                throw new ConflictException("The image " + id + " has data on staging", e);
            }
            if (reading != null) {
                replaced.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(reading);
                reading = null;
            }
            return written;
        } finally {
            Files.deleteIfExists(partial);
            if (reading != null) {
                Files.deleteIfExists(reading);
            }
        }
    }

    @Override
    public OptionalLong size(ImageId id) {
        try {
            return OptionalLong.of(Files.size(file(id)));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the staged data of image " + id, e);
        }
    }

    @Override
    public InputStream open(ImageId id) throws IOException {
        return Files.newInputStream(file(id));
    }

    @Override
    public URI location(ImageId id) {
        return file(id).toUri();
    }

    /**
     * The old data is first moved aside under a partial name, so that the new file's rename replaces nothing, and is
     * deleted later, with the staged data ({@link #delete}: once the import has written the stores). A rename over
     * the old file drops it within the call: on ext4 (mounted with discard) that took 3.7-7.8 s for a 4 GiB qcow2
     * staged just before a conversion, two renames no measurable time (bench/README), and the conversion's digest
     * read could only begin after it.
     */
    @Override
    public void replace(ImageId id, URI newData) throws IOException {
        Path source = Path.of(newData).toAbsolutePath();
        Path target = file(id);
        Path aside = directory.resolve("." + id.value() + "." + UUID.randomUUID() + PARTIAL);
        boolean movedAside = true;
        try {
            Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            movedAside = false;
        }
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            if (movedAside) {
                try {
                    Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException | RuntimeException back) {
                    e.addSuppressed(back);
                }
            }
            throw e;
        }
        if (movedAside) {
            replaced.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(aside);
        }
    }

    @Override
    public void delete(ImageId id) {
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Staged data of image " + id + " at " + file(id) + " was not deleted", e);
        }
        List<Path> aside = replaced.remove(id);
        if (aside != null) {
            for (Path old : aside) {
                try {
                    Files.deleteIfExists(old);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "Replaced staged data of image " + id + " at " + old + " was not deleted"
                            + " (removed at the next start)", e);
                }
            }
        }
    }

    @Override
    public List<ImageId> staged() {
        List<ImageId> ids = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(PARTIAL)) {
                    Files.deleteIfExists(file);
                } else if (ImageId.isValid(name)) {
                    ids.add(new ImageId(name));
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot list the staging directory " + directory, e);
        }
        return ids;
    }

    @Override
    public String describe() {
        return directory.toUri().toString();
    }

    private Path file(ImageId id) {
        return directory.resolve(id.value());
    }
}

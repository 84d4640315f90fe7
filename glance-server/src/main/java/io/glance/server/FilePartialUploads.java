package io.glance.server;

import io.glance.domain.ConflictException;
import io.glance.domain.ImageId;
import io.glance.domain.NotFoundException;
import io.glance.ports.out.PartialUploads;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * The partial data of resumable uploads as files {@code .upload-<session>} in the staging directory, beside the
 * staged data they become: publishing is a hard link to the image's staged name (failing when that name is taken),
 * so a complete upload is never copied. Every append is forced to disk (fdatasync, which includes the new length)
 * before it returns, so the length of the file is the offset a client was told. An append holds a lock on the file,
 * so two nodes sharing the directory cannot interleave chunks. The leading dot keeps the files out of
 * {@link FileStagingArea#staged()}, which lists image ids only.
 */
final class FilePartialUploads implements PartialUploads {
    private static final Logger LOG = Logger.getLogger(FilePartialUploads.class.getName());
    private static final String PREFIX = ".upload-";
    private static final int BUFFER = 256 * 1024;

    private final Path directory;

    FilePartialUploads(Path directory) {
        this.directory = requireNonNull(directory, "directory is null").toAbsolutePath();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the staging directory " + directory, e);
        }
    }

    @Override
    public void create(String session) throws IOException {
        try (FileChannel channel = FileChannel.open(file(session), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    @Override
    public OptionalLong length(String session) {
        try {
            return OptionalLong.of(Files.size(file(session)));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the partial data of upload session " + session, e);
        }
    }

    @Override
    public long append(String session, long offset, InputStream data, boolean keepOnFailure, Runnable beforeSync)
            throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file(session), StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            throw new NotFoundException("Upload session " + session + " has no data on this node");
        }
        try (channel; FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new ConflictException("Upload session " + session + " is receiving another PATCH");
            }
            long size = channel.size();
            if (size != offset) {
                throw new ConflictException("Upload-Offset " + offset + " is not the session's offset " + size);
            }
            channel.position(offset);
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            boolean sourceFailed = false;
            try {
                while (true) {
                    int read;
                    try {
                        read = data.read(buffer.array(), 0, buffer.capacity());
                    } catch (IOException clientGone) {
                        sourceFailed = true;
                        throw clientGone;
                    }
                    if (read < 0) {
                        break;
                    }
                    buffer.limit(read).position(0);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    buffer.clear();
                }
                beforeSync.run();
                channel.force(false);
                return channel.size();
            } catch (RuntimeException | IOException failure) {
                if (sourceFailed && keepOnFailure) {
                    channel.force(false);
                } else {
                    cutBack(channel, offset);
                }
                throw failure;
            }
        }
    }

    private static void cutBack(FileChannel channel, long offset) throws IOException {
        channel.truncate(offset);
        channel.force(false);
    }

    @Override
    public InputStream open(String session) throws IOException {
        return Files.newInputStream(file(session));
    }

    @Override
    public void publish(String session, ImageId image) throws IOException {
        Path partial = file(session);
        try {
            Files.createLink(directory.resolve(image.value()), partial);
        } catch (FileAlreadyExistsException e) {
            throw new ConflictException("The image " + image + " has data on staging", e);
        }
        Files.deleteIfExists(partial);
    }

    @Override
    public void delete(String session) {
        try {
            Files.deleteIfExists(file(session));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Partial data of upload session " + session + " at " + file(session)
                    + " was not deleted", e);
        }
    }

    @Override
    public List<String> sessions() {
        List<String> sessions = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.map(file -> file.getFileName().toString()).filter(name -> name.startsWith(PREFIX))
                    .forEach(name -> sessions.add(name.substring(PREFIX.length())));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot list the staging directory " + directory, e);
        }
        return sessions;
    }

    private Path file(String session) {
        if (!session.matches("[0-9a-f-]{36}")) {
            throw new IllegalArgumentException("not a session id: " + session);
        }
        return directory.resolve(PREFIX + session);
    }
}

package io.glance.server;

import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.ports.out.UploadJournal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * The {@link UploadJournal} as one small file per image under
 * {@code <data_dir>/uploads/}: the file holds the {@code updated_at} (epoch seconds) the image got when this node moved
 * it to {@code saving}. After a crash the files tell the restarting node which {@code saving} images were its own, so
 * it can reset them at once, while images another node (sharing the database) is still uploading are left alone.
 * Each node needs a {@code data_dir} of its own.
 */
final class FileUploadJournal implements UploadJournal {
    private static final Logger LOG = Logger.getLogger(FileUploadJournal.class.getName());

    private final Path directory;

    FileUploadJournal(Path directory) {
        this.directory = requireNonNull(directory, "directory is null");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the upload journal directory " + directory, e);
        }
    }

    @Override
    public void started(Image saving) {
        Path file = file(saving.id());
        try {
            Path temporary = Files.createTempFile(directory, ".", ".tmp");
            Files.writeString(temporary, Long.toString(saving.updatedAt().getEpochSecond()), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot record the upload of image " + saving.id() + " in " + file, e);
        }
    }

    @Override
    public void finished(ImageId id) {
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot remove " + file(id), e);
        }
    }

    @Override
    public Optional<Instant> startedAt(ImageId id) {
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(Files.readString(file(id)).strip())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            LOG.log(Level.WARNING, "Ignoring unreadable upload journal entry " + file(id), e);
            return Optional.empty();
        }
    }

    @Override
    public void clear() {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear the upload journal " + directory, e);
        }
    }

    private Path file(ImageId id) {
        return directory.resolve(id.value());
    }
}

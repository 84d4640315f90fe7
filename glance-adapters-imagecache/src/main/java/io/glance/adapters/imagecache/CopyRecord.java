package io.glance.adapters.imagecache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * What the cache knows of one complete copy, kept in {@code meta/<id>} as a properties file: its size, the digest it
 * was verified against, the modification time its file had then (a file changed since is not trusted), and the
 * hits and access time the pruner orders by.
 *
 * @param fileModified the data file's modification time when it was verified, in nanoseconds since the epoch
 */
record CopyRecord(long size, String digest, long fileModified, long hits, Instant lastAccessed,
                  Instant lastModified) {

    CopyRecord hit(Instant now) {
        return new CopyRecord(size, digest, fileModified, hits + 1, now, lastModified);
    }

    static Optional<CopyRecord> read(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
            return Optional.of(new CopyRecord(Long.parseLong(properties.getProperty("size")),
                    properties.getProperty("digest"), Long.parseLong(properties.getProperty("file_modified")),
                    Long.parseLong(properties.getProperty("hits")),
                    Instant.parse(properties.getProperty("last_accessed")),
                    Instant.parse(properties.getProperty("last_modified"))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            // Unreadable or half-written by hand: the copy is not trusted.
            return Optional.empty();
        }
    }

    /** Replaces the record atomically (a reader sees the old or the new one, never half). */
    void write(Path file) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("size", Long.toString(size));
        properties.setProperty("digest", digest);
        properties.setProperty("file_modified", Long.toString(fileModified));
        properties.setProperty("hits", Long.toString(hits));
        properties.setProperty("last_accessed", lastAccessed.toString());
        properties.setProperty("last_modified", lastModified.toString());
        Path temporary = Files.createTempFile(file.getParent(), ".", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                properties.store(out, null);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}

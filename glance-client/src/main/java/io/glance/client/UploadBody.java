package io.glance.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The body of an upload, streamed and counted for progress: a file with its size as Content-Length, or a stream,
 * sized or chunked. Nothing is read into memory beyond the HTTP client's own buffers.
 */
final class UploadBody {
    private UploadBody() {
    }

    static BodyPublisher of(Path file, ProgressListener progress) {
        requireNonNull(file, "file is null");
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return of(() -> {
            try {
                return Files.newInputStream(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }, size, progress);
    }

    /** With {@code size >= 0} as Content-Length (the stream must hold exactly that many bytes), else chunked. */
    static BodyPublisher of(InputStream data, long size, ProgressListener progress) {
        requireNonNull(data, "data is null");
        return of(() -> data, size, progress);
    }

    private static BodyPublisher of(Supplier<InputStream> source, long size, ProgressListener progress) {
        requireNonNull(progress, "progress is null");
        BodyPublisher chunked = BodyPublishers.ofInputStream(
                () -> new CountingInputStream(source.get(), size < 0 ? -1 : size, progress));
        return size < 0 ? chunked : BodyPublishers.fromPublisher(chunked, size);
    }
}

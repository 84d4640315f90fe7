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

    /**
     * With {@code size >= 0} as Content-Length (the stream must hold exactly that many bytes), else chunked. The
     * stream can be read once only, so such a body is sent again (after a 401) only if nothing was read from it.
     */
    static BodyPublisher of(InputStream data, long size, ProgressListener progress) {
        requireNonNull(data, "data is null");
        return new OneShot(of(() -> data, size, progress));
    }

    /** Whether the request's body may be sent a second time: no body, bytes in memory, a file, an unread stream. */
    static boolean canSendAgain(java.net.http.HttpRequest request) {
        return request.bodyPublisher().map(body -> !(body instanceof OneShot once) || !once.subscribed.get())
                .orElse(true);
    }

    /** A body over a caller's stream, remembering whether the HTTP client started reading it. */
    private static final class OneShot implements BodyPublisher {
        private final BodyPublisher delegate;
        private final java.util.concurrent.atomic.AtomicBoolean subscribed =
                new java.util.concurrent.atomic.AtomicBoolean();

        OneShot(BodyPublisher delegate) {
            this.delegate = delegate;
        }

        @Override
        public long contentLength() {
            return delegate.contentLength();
        }

        @Override
        public void subscribe(java.util.concurrent.Flow.Subscriber<? super java.nio.ByteBuffer> subscriber) {
            subscribed.set(true);
            delegate.subscribe(subscriber);
        }
    }

    private static BodyPublisher of(Supplier<InputStream> source, long size, ProgressListener progress) {
        requireNonNull(progress, "progress is null");
        BodyPublisher chunked = BodyPublishers.ofInputStream(
                () -> new CountingInputStream(source.get(), size < 0 ? -1 : size, progress));
        return size < 0 ? chunked : BodyPublishers.fromPublisher(chunked, size);
    }
}

package io.glance.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
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
        return region(file, 0, size, progress, size);
    }

    /**
     * {@code length} bytes of {@code file} from {@code offset}, read with positional reads in large blocks; the
     * progress counts from {@code offset} towards {@code total} (a resumed upload shows where it resumed).
     */
    static BodyPublisher region(Path file, long offset, long length, ProgressListener progress, long total) {
        requireNonNull(file, "file is null");
        requireNonNull(progress, "progress is null");
        return new ChunkPublisher(() -> new FileRegion(FileChannel.open(file, StandardOpenOption.READ), offset),
                length, progress, offset, total);
    }

    /** A file read from a position on, with positional reads (the channel's own position is not used). */
    private static final class FileRegion implements ChunkPublisher.ChunkSource, AutoCloseable {
        private final FileChannel channel;
        private long position;

        FileRegion(FileChannel channel, long position) {
            this.channel = channel;
            this.position = position;
        }

        @Override
        public int read(ByteBuffer into) throws IOException {
            int n = channel.read(into, position);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
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
        return new ChunkPublisher(() -> {
            InputStream in = source.get();
            return into -> {
                int n = in.read(into.array(), into.arrayOffset() + into.position(), into.remaining());
                if (n > 0) {
                    into.position(into.position() + n);
                }
                return n;
            };
        }, size, progress, 0, size);
    }
}

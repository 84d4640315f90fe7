package io.glance.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static java.util.Objects.requireNonNull;

/**
 * The body of a data request (upload, stage, a resumed chunk) written to the connection in 1 MiB blocks, counted for
 * progress. Measured on loopback, a 1 MiB block written straight into the connection costs the client about a fifth
 * of the CPU that the JDK HttpClient's 16 KiB publisher chain does (bench/client.sh).
 */
abstract sealed class DataBody {
    static final int BLOCK = 1024 * 1024;
    /** Bytes per transferTo call: the progress is told after each (about 30 times a second at 300 MiB/s). */
    static final long TRANSFER_SLICE = 8L * 1024 * 1024;

    private final ProgressListener progress;
    private final long progressBase;
    private final long progressTotal;

    private DataBody(ProgressListener progress, long progressBase, long progressTotal) {
        this.progress = requireNonNull(progress, "progress is null");
        this.progressBase = progressBase;
        this.progressTotal = progressTotal;
    }

    /** The whole file, its size as Content-Length. */
    static DataBody file(Path file, long size, ProgressListener progress) {
        return new FileRegion(file, 0, size, progress, size);
    }

    /**
     * {@code length} bytes of {@code file} from {@code offset}; the progress counts from {@code offset} towards
     * {@code total}, so a resumed upload shows where it resumed.
     */
    static DataBody region(Path file, long offset, long length, ProgressListener progress, long total) {
        return new FileRegion(file, offset, length, progress, total);
    }

    /** A caller's stream, read once: sized when {@code size >= 0} (it must hold that many bytes), else chunked. */
    static DataBody stream(InputStream data, long size, ProgressListener progress) {
        return new Stream(requireNonNull(data, "data is null"), size, progress);
    }

    /** Content-Length, or -1 for chunked transfer. */
    abstract long length();

    /** Whether the body can be written a second time (after a 401): a file can, a stream once read cannot. */
    abstract boolean repeatable();

    /** Writes the body; the bytes counted are those handed to the connection. */
    abstract void writeTo(OutputStream out) throws IOException;

    /** Whether {@link #transferTo} can hand the body to the kernel (a file region can, a stream cannot). */
    boolean transfersFromFile() {
        return false;
    }

    /**
     * Hands the body to {@code channel} with {@link FileChannel#transferTo}, which on Linux is sendfile(2): the
     * bytes go from the page cache to the socket without passing through the JVM. Only when
     * {@link #transfersFromFile()}.
     */
    void transferTo(WritableByteChannel channel) throws IOException {
        throw new UnsupportedOperationException("only a file region is transferred by the kernel");
    }

    final void advanced(long sent) {
        progress.progress(progressBase + sent, progressTotal);
    }

    private static final class FileRegion extends DataBody {
        private final Path file;
        private final long offset;
        private final long length;

        FileRegion(Path file, long offset, long length, ProgressListener progress, long total) {
            super(progress, offset, total);
            this.file = requireNonNull(file, "file is null");
            this.offset = offset;
            this.length = length;
        }

        @Override
        long length() {
            return length;
        }

        @Override
        boolean repeatable() {
            return true;
        }

        @Override
        boolean transfersFromFile() {
            return true;
        }

        @Override
        void transferTo(WritableByteChannel out) throws IOException {
            long sent = 0;
            try (FileChannel channel = open()) {
                while (sent < length) {
                    long n;
                    try {
                        n = channel.transferTo(offset + sent, Math.min(TRANSFER_SLICE, length - sent), out);
                    } catch (IOException e) {
                        if (channel.size() < offset + length) {
                            throw new SourceException(file + " ended after " + channel.size() + " bytes, short of the "
                                    + (offset + length) + " to be sent", e);
                        }
                        throw e; // the connection's failure
                    }
                    if (n <= 0) {
                        // transferTo sends nothing from beyond the file's end: the file shrank while being sent
                        throw new SourceException(file + " ended after " + (offset + sent) + " bytes, "
                                + (length - sent) + " short of what was to be sent");
                    }
                    sent += n;
                    advanced(sent);
                }
            }
        }

        @Override
        void writeTo(OutputStream out) throws IOException {
            byte[] block = new byte[(int) Math.min(BLOCK, Math.max(length, 1))];
            ByteBuffer buffer = ByteBuffer.wrap(block);
            long sent = 0;
            try (FileChannel channel = open()) {
                while (sent < length) {
                    buffer.clear().limit((int) Math.min(block.length, length - sent));
                    int n = read(channel, buffer, offset + sent);
                    if (n < 0) {
                        throw new SourceException(file + " ended after " + (offset + sent) + " bytes, "
                                + (length - sent) + " short of what was to be sent");
                    }
                    out.write(block, 0, n);
                    sent += n;
                    advanced(sent);
                }
            }
        }

        private FileChannel open() throws SourceException {
            try {
                return FileChannel.open(file, StandardOpenOption.READ);
            } catch (IOException e) {
                throw new SourceException("cannot read " + file + ": " + e, e);
            }
        }

        private int read(FileChannel channel, ByteBuffer buffer, long position) throws SourceException {
            try {
                return channel.read(buffer, position);
            } catch (IOException e) {
                throw new SourceException("cannot read " + file + " at " + position + ": " + e, e);
            }
        }
    }

    private static final class Stream extends DataBody {
        private final InputStream data;
        private final long size;
        private boolean read;

        Stream(InputStream data, long size, ProgressListener progress) {
            super(progress, 0, size);
            this.data = data;
            this.size = size;
        }

        @Override
        long length() {
            return size < 0 ? -1 : size;
        }

        @Override
        boolean repeatable() {
            return !read;
        }

        @Override
        void writeTo(OutputStream out) throws IOException {
            read = true;
            byte[] block = new byte[BLOCK];
            long sent = 0;
            while (size < 0 || sent < size) {
                int want = size < 0 ? block.length : (int) Math.min(block.length, size - sent);
                int n;
                try {
                    n = data.read(block, 0, want);
                } catch (IOException e) {
                    throw new SourceException("cannot read the upload's source: " + e, e);
                }
                if (n < 0) {
                    if (size >= 0) {
                        throw new SourceException("the upload's source ended after " + sent + " of " + size
                                + " bytes");
                    }
                    return;
                }
                out.write(block, 0, n);
                sent += n;
                advanced(sent);
            }
        }
    }

    /** The source of a body failed or ran short: the caller's problem, never worth sending again. */
    static final class SourceException extends IOException {
        SourceException(String message) {
            super(message);
        }

        SourceException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

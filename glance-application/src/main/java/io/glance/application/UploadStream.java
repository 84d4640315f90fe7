package io.glance.application;

import io.glance.domain.LimitExceededException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.Executor;

import static java.util.Objects.requireNonNull;

/**
 * The host-side stream a store driver reads an upload from: it counts the bytes, refuses more than
 * {@code image_size_cap} ({@link LimitExceededException}, which drivers pass through unchanged) and computes md5 and
 * sha512 in the same pass. md5 runs on the reading thread and sha512 on a worker ({@link OffloadedDigest}): each
 * digest alone runs at about the speed we want for the upload, so one thread computing both would halve it.
 * <p>
 * It remembers whether the client's stream failed, so the upload can tell a client that went away from a store that
 * failed. It never closes the client's stream: the HTTP adapter owns it.
 */
final class UploadStream extends InputStream {
    static final String SHA512 = "SHA-512";
    static final String MD5 = "MD5";
    /** Hand-over size to the sha512 worker: large enough that queue operations cost nothing measurable. */
    static final int BUFFER_SIZE = 256 * 1024;
    /** Buffers in flight to the sha512 worker: 1 MiB per upload at most. */
    static final int BUFFERS = 4;

    private final InputStream source;
    private final long sizeCap;
    private final MessageDigest md5 = OffloadedDigest.newDigest(MD5);
    private final OffloadedDigest sha512;
    private long count;
    private Exception sourceFailure;
    private boolean finished;

    /**
     * @param sizeCap  the most bytes accepted ({@code image_size_cap})
     * @param executor runs the sha512 worker
     * @throws java.util.concurrent.RejectedExecutionException when the executor is shut down
     */
    UploadStream(InputStream source, long sizeCap, Executor executor) {
        this.source = requireNonNull(source, "source is null");
        if (sizeCap < 0) {
            throw new IllegalArgumentException("sizeCap is negative: " + sizeCap);
        }
        this.sizeCap = sizeCap;
        this.sha512 = new OffloadedDigest(SHA512, executor, BUFFER_SIZE, BUFFERS);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int count = read(one, 0, 1);
        return count < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (finished) {
            throw new IllegalStateException("The upload stream was already finished");
        }
        int read;
        try {
            read = source.read(buffer, offset, length);
        } catch (IOException | RuntimeException e) {
            sourceFailure = e;
            throw e;
        }
        if (read > 0) {
            count += read;
            if (count > sizeCap) {
                throw new LimitExceededException("Image data exceeds the image_size_cap of " + sizeCap
                        + " bytes");
            }
            md5.update(buffer, offset, read);
            sha512.update(buffer, offset, read);
        }
        return read;
    }

    @Override
    public int available() throws IOException {
        return source.available();
    }

    /** Does not close the client's stream, which belongs to the HTTP adapter. */
    @Override
    public void close() {
    }

    /** Bytes read so far. */
    long count() {
        return count;
    }

    /** The exception the client's stream threw, or {@code null} if it never failed. */
    Exception sourceFailure() {
        return sourceFailure;
    }

    /** Joins the sha512 worker and returns the count and both digests; the stream cannot be read afterwards. */
    UploadDigests finish() throws InterruptedIOException {
        finished = true;
        byte[] sha = sha512.finish();
        HexFormat hex = HexFormat.of();
        return new UploadDigests(count, hex.formatHex(md5.digest()), hex.formatHex(sha));
    }

    /** Stops the sha512 worker after a failure; safe to call at any time, also after {@link #finish()}. */
    void abort() {
        finished = true;
        sha512.cancel();
    }
}

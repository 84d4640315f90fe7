package io.glance.application;

import io.glance.application.inspection.StreamingFormatCheck;
import io.glance.domain.LimitExceededException;
import io.glance.store.spi.SizeMismatchException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.LongFunction;

import static java.util.Objects.requireNonNull;

/**
 * The host-side stream a store driver reads an upload from: it counts the bytes, refuses more than
 * {@code image_size_cap} ({@link LimitExceededException}, which drivers pass through unchanged), holds the data to
 * its declared size ({@link SizeMismatchException} at the first extra byte or at an early end, so that a driver
 * never sees the last byte of data that is longer than declared) and computes md5 and
 * sha512 in the same pass, each on its own worker ({@link ParallelDigests}): each digest alone runs at about the
 * speed we want for the upload, so one thread computing both would halve it, and the reading thread keeps the network
 * and store I/O for itself. The same chunks go to the format check ({@link StreamingFormatCheck}) on the reading
 * thread: it copies only the few header bytes it needs and does nothing once the format is known.
 * <p>
 * It remembers whether the client's stream failed, so the upload can tell a client that went away from a store that
 * failed. It never closes the client's stream: the HTTP adapter owns it.
 */
final class UploadStream extends InputStream {
    static final String SHA512 = "SHA-512";
    static final String MD5 = "MD5";
    /**
     * Hand-over size to the digest workers. Each hand-over wakes both workers (futex calls, costly on this kind of
     * virtual machine): 256 KiB chunks made 23,000 futex calls per GiB uploaded, 1 MiB chunks a quarter of that.
     */
    static final int BUFFER_SIZE = 1024 * 1024;
    /** Buffers in flight to the digest workers (3 MiB per upload at most): one filling, two being hashed. */
    static final int BUFFERS = 3;

    private final InputStream source;
    private final ArrivingData arriving;
    private final ParallelDigests digests;
    private final StreamingFormatCheck formatCheck;
    private Exception sourceFailure;
    private boolean finished;

    /** Data of undeclared size, limited by {@code image_size_cap} ({@code sizeCap}). */
    UploadStream(InputStream source, long sizeCap, Executor executor) {
        this(source, sizeCap, -1, executor);
    }

    /** Data of {@code declaredSize} bytes ({@code -1}: undeclared), limited by {@code image_size_cap}. */
    UploadStream(InputStream source, long sizeCap, long declaredSize, Executor executor) {
        this(source, sizeCap, declaredSize, overImageSizeCap(sizeCap), executor);
    }

    /**
     * @param sizeCap      the most bytes accepted: the lower of {@code image_size_cap} and what the storage quota
     *                     leaves
     * @param declaredSize the number of bytes the client announced, or {@code -1} when it announced none
     * @param overCap      the failure once more than {@code sizeCap} bytes arrived, given how many did
     * @param executor     runs the two digest workers
     * @throws java.util.concurrent.RejectedExecutionException when the executor is shut down
     */
    UploadStream(InputStream source, long sizeCap, long declaredSize, LongFunction<LimitExceededException> overCap,
                 Executor executor) {
        this(source, sizeCap, declaredSize, overCap, null, executor);
    }

    /**
     * @param formatCheck inspects the same bytes as the digests, in the same pass, and refuses data of the wrong
     *                    format or unsafe data as soon as that is known; {@code null}: no inspection
     * @param executor    runs the two digest workers; {@code null}: no digests (see {@link #undigested})
     */
    UploadStream(InputStream source, long sizeCap, long declaredSize, LongFunction<LimitExceededException> overCap,
                 StreamingFormatCheck formatCheck, Executor executor) {
        this.source = requireNonNull(source, "source is null");
        this.arriving = new ArrivingData(sizeCap, declaredSize, overCap);
        this.formatCheck = formatCheck;
        this.digests = executor == null ? null
                : new ParallelDigests(List.of(MD5, SHA512), executor, BUFFER_SIZE, BUFFERS);
    }

    /**
     * Data on its way into staging: counted, capped and inspected, but not digested. Staged data is read again into
     * the stores, which digests what is finally stored (after conversion, say); digests of the staged copy would be
     * thrown away, and hashing a large image twice costs seconds of CPU per GiB. End it with
     * {@link #finishUndigested()}.
     */
    static UploadStream undigested(InputStream source, long sizeCap, long declaredSize,
                                   LongFunction<LimitExceededException> overCap, StreamingFormatCheck formatCheck) {
        return new UploadStream(source, sizeCap, declaredSize, overCap, formatCheck, null);
    }

    /** The failure once more than {@code image_size_cap} bytes arrived. */
    static LongFunction<LimitExceededException> overImageSizeCap(long sizeCap) {
        return count -> new LimitExceededException("Image data exceeds the image_size_cap of " + sizeCap + " bytes");
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
        if (length == 0) {
            return 0;
        }
        int read = readCounted(buffer, offset, length);
        if (read > 0) {
            if (digests != null) {
                digests.update(buffer, offset, read);
            }
            if (formatCheck != null) {
                formatCheck.feed(buffer, offset, read);
            }
        }
        return read;
    }

    /**
     * Reads to the end of the data into the digest workers' pooled buffers and writes each buffer to {@code out}
     * while the workers hash it: the bytes are copied once for both, where reading into a buffer of the caller's own
     * would copy them once more (a store driver's copy loop: about 0.1 CPU s per GiB). Each write is of a full
     * buffer ({@value #BUFFER_SIZE} bytes) but the last. {@code out} must not keep the array it is given after
     * {@code write} returns (as {@link OutputStream#write(byte[], int, int)} says). The same checks as {@link #read}:
     * nothing past the cap or the declared size reaches {@code out}.
     */
    @Override
    public long transferTo(OutputStream out) throws IOException {
        requireNonNull(out, "out is null");
        if (digests == null) {
            return super.transferTo(out);
        }
        if (finished) {
            throw new IllegalStateException("The upload stream was already finished");
        }
        long total = 0;
        int filled;
        while ((filled = digests.fillAndShare(this::fillChecked, (buffer, length) -> out.write(buffer, 0, length))) > 0) {
            total += filled;
        }
        return total;
    }

    /** Fills {@code buffer} from the client (or to the end of the data) with {@link #read}'s checks, unhashed. */
    private int fillChecked(byte[] buffer) throws IOException {
        int filled = 0;
        while (filled < buffer.length) {
            int read = readCounted(buffer, filled, buffer.length - filled);
            if (read < 0) {
                break;
            }
            if (formatCheck != null) {
                formatCheck.feed(buffer, filled, read);
            }
            filled += read;
        }
        return filled == 0 ? -1 : filled;
    }

    /**
     * Reads from the client at most what the cap and the declared size leave room for, and counts it; both
     * {@link #read} and {@link #transferTo} go through here, so their checks cannot drift apart.
     */
    private int readCounted(byte[] buffer, int offset, int length) throws IOException {
        int room = arriving.room(length);
        int read = room == 0 ? -1 : readSource(buffer, offset, room);
        arriving.arrived(read, () -> readSource(new byte[1], 0, 1) >= 0);
        return read;
    }

    private int readSource(byte[] buffer, int offset, int length) throws IOException {
        try {
            return source.read(buffer, offset, length);
        } catch (IOException | RuntimeException e) {
            sourceFailure = e;
            throw e;
        }
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
        return arriving.count();
    }

    /** The exception the client's stream threw, or {@code null} if it never failed. */
    Exception sourceFailure() {
        return sourceFailure;
    }

    /**
     * Joins the digest workers and returns the count, both digests and the virtual size; the stream cannot be read
     * afterwards.
     *
     * @throws io.glance.domain.InvalidInputException when the format check refuses the data as a whole (a header cut
     *                                                off by the end of the data)
     */
    UploadDigests finish() throws InterruptedIOException {
        if (digests == null) {
            throw new IllegalStateException("An undigested stream ends with finishUndigested()");
        }
        finished = true;
        List<byte[]> results = digests.finish();
        Long virtualSize = formatCheck == null ? null : formatCheck.finish();
        HexFormat hex = HexFormat.of();
        return new UploadDigests(arriving.count(), hex.formatHex(results.get(0)), hex.formatHex(results.get(1)),
                virtualSize);
    }

    /**
     * The end of an {@link #undigested} stream: the format check of the data as a whole.
     *
     * @return the bytes read
     * @throws io.glance.domain.InvalidInputException when the format check refuses the data
     */
    long finishUndigested() {
        finished = true;
        if (formatCheck != null) {
            formatCheck.finish();
        }
        return arriving.count();
    }

    /** Stops the digest workers after a failure; safe to call at any time, also after {@link #finish()}. */
    void abort() {
        finished = true;
        if (digests != null) {
            digests.cancel();
        }
    }
}

package io.glance.application;

import io.glance.application.inspection.StreamingFormatCheck;
import io.glance.domain.LimitExceededException;
import io.glance.store.spi.SizeMismatchException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.function.LongFunction;

import static java.util.Objects.requireNonNull;

/**
 * {@link UploadStream#undigested} for a channel: a download on its way into staging, counted, capped
 * ({@code image_size_cap} or the quota), held to its declared size and format-checked, while the bytes go from the
 * socket into the caller's (direct) buffer and from there to the file without passing through a heap array. Only
 * while the format check is undecided (the first few hundred KiB at most) are the bytes read copied out for it; after
 * that they are only counted.
 */
final class StagingChannel implements ReadableByteChannel {
    private final ReadableByteChannel source;
    private final long sizeCap;
    private final LongFunction<LimitExceededException> overCap;
    private final long declaredSize;
    private final StreamingFormatCheck formatCheck;
    private byte[] inspected = new byte[0];
    private long count;
    private boolean finished;
    /** Whether the data was seen to end right after the declared size. */
    private boolean endSeen;

    /**
     * @param sizeCap      the most bytes accepted
     * @param declaredSize the announced length, or {@code -1}
     * @param overCap      the failure once more than {@code sizeCap} bytes arrived, given how many did
     * @param formatCheck  {@code null}: no inspection
     */
    StagingChannel(ReadableByteChannel source, long sizeCap, long declaredSize,
                   LongFunction<LimitExceededException> overCap, StreamingFormatCheck formatCheck) {
        this.source = requireNonNull(source, "source is null");
        if (sizeCap < 0) {
            throw new IllegalArgumentException("sizeCap is negative: " + sizeCap);
        }
        this.sizeCap = sizeCap;
        this.declaredSize = declaredSize < 0 ? -1 : declaredSize;
        this.overCap = requireNonNull(overCap, "overCap is null");
        this.formatCheck = formatCheck;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (finished) {
            throw new IllegalStateException("The staging channel was already finished");
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        int room = dst.remaining();
        if (declaredSize >= 0) {
            // Never read past the declared size: what would follow is checked by a one-byte peek instead.
            room = (int) Math.min(room, Math.max(declaredSize - count, 0));
        }
        int start = dst.position();
        int read = -1;
        if (room > 0) {
            ByteBuffer window = dst.slice(start, room);
            read = source.read(window);
            if (read > 0) {
                dst.position(start + read);
            }
        }
        if (declaredSize >= 0) {
            if (read < 0 && count < declaredSize) {
                throw new SizeMismatchException("The data of the image ended after " + count + " bytes; "
                        + declaredSize + " were declared");
            }
            // Hold back the last declared byte until the data is seen to end there (the peek blocks until then).
            if ((read > 0 && count + read == declaredSize) || (read < 0 && count == declaredSize && !endSeen)) {
                if (peekEnd()) {
                    // Not even in the buffer: the caller never holds the last declared byte of data that goes on.
                    dst.position(start);
                    throw new SizeMismatchException("The data of the image is longer than the " + declaredSize
                            + " bytes declared");
                }
                endSeen = true;
            }
        }
        if (read > 0) {
            count += read;
            if (count > sizeCap) {
                throw overCap.apply(count);
            }
            inspect(dst, start, read);
        }
        return read;
    }

    /** Whether more data follows (reads at most one byte, which is then refused anyway). */
    private boolean peekEnd() throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        int read;
        do {
            read = source.read(one);
        } while (read == 0);
        return read > 0;
    }

    private void inspect(ByteBuffer dst, int start, int read) {
        if (formatCheck == null) {
            return;
        }
        if (formatCheck.decided()) {
            formatCheck.skip(read);
            return;
        }
        if (inspected.length < read) {
            inspected = new byte[read];
        }
        dst.get(start, inspected, 0, read);
        formatCheck.feed(inspected, 0, read);
        if (formatCheck.decided()) {
            inspected = new byte[0];
        }
    }

    /** Bytes read so far. */
    long count() {
        return count;
    }

    /**
     * The data ended: the format check of the data as a whole.
     *
     * @return the bytes read
     * @throws io.glance.domain.InvalidInputException when the format check refuses the data
     */
    long finish() {
        finished = true;
        if (formatCheck != null) {
            formatCheck.finish();
        }
        return count;
    }

    @Override
    public boolean isOpen() {
        return !finished;
    }

    /** Does not close the source, which belongs to whoever opened the download. */
    @Override
    public void close() {
    }
}

package io.glance.application;

import io.glance.application.inspection.StreamingFormatCheck;
import io.glance.domain.LimitExceededException;

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
    private final ArrivingData arriving;
    private final StreamingFormatCheck formatCheck;
    private byte[] inspected = new byte[0];
    private boolean finished;

    /**
     * @param sizeCap      the most bytes accepted
     * @param declaredSize the announced length, or {@code -1}
     * @param overCap      the failure once more than {@code sizeCap} bytes arrived, given how many did
     * @param formatCheck  {@code null}: no inspection
     */
    StagingChannel(ReadableByteChannel source, long sizeCap, long declaredSize,
                   LongFunction<LimitExceededException> overCap, StreamingFormatCheck formatCheck) {
        this.source = requireNonNull(source, "source is null");
        this.arriving = new ArrivingData(sizeCap, declaredSize, overCap);
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
        int room = arriving.room(dst.remaining());
        int start = dst.position();
        int read = -1;
        if (room > 0) {
            ByteBuffer window = dst.slice(start, room);
            read = source.read(window);
            if (read > 0) {
                dst.position(start + read);
            }
        }
        arriving.arrived(read, () -> {
            boolean more = peekEnd();
            if (more) {
                // Not even in the buffer: the caller never holds the last declared byte of data that goes on.
                dst.position(start);
            }
            return more;
        });
        if (read > 0) {
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
        return arriving.count();
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
        return arriving.count();
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

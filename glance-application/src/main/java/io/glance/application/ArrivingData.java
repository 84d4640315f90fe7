package io.glance.application;

import io.glance.domain.LimitExceededException;
import io.glance.store.spi.SizeMismatchException;

import java.io.IOException;
import java.util.function.LongFunction;

import static java.util.Objects.requireNonNull;

/**
 * How much of an image's data has arrived, held to its declared size and to a cap: the one rule that the stream
 * ({@link UploadStream}) and the channel ({@link StagingChannel}) readers of an upload both apply. A read never goes
 * past the declared size; the last declared byte is handed out only once the data is seen to end there (a one-byte
 * peek), so that a store never holds the whole of data that is longer than declared.
 */
final class ArrivingData {
    /** Whether more data follows the declared size; reads at most one byte, which is refused anyway. */
    @FunctionalInterface
    interface EndPeek {
        boolean moreFollows() throws IOException;
    }

    private final long sizeCap;
    private final long declaredSize;
    private final LongFunction<LimitExceededException> overCap;
    private long count;
    /** Whether the data was seen to end right after the declared size. */
    private boolean endSeen;

    /**
     * @param sizeCap      the most bytes accepted
     * @param declaredSize the announced length, or {@code -1} (any negative value) when none was announced
     * @param overCap      the failure once more than {@code sizeCap} bytes arrived, given how many did
     */
    ArrivingData(long sizeCap, long declaredSize, LongFunction<LimitExceededException> overCap) {
        if (sizeCap < 0) {
            throw new IllegalArgumentException("sizeCap is negative: " + sizeCap);
        }
        this.sizeCap = sizeCap;
        this.declaredSize = declaredSize < 0 ? -1 : declaredSize;
        this.overCap = requireNonNull(overCap, "overCap is null");
    }

    /** At most how many of {@code wanted} bytes the next read may take: none once the declared size is reached. */
    int room(int wanted) {
        return declaredSize < 0 ? wanted : (int) Math.min(wanted, Math.max(declaredSize - count, 0));
    }

    /**
     * Counts a read of {@code read} bytes ({@code -1}: the data ended, or there was no room).
     *
     * @throws SizeMismatchException  when the data ended before its declared size, or goes on after it
     * @throws LimitExceededException when more than the cap arrived
     */
    void arrived(int read, EndPeek peek) throws IOException {
        if (declaredSize >= 0) {
            if (read < 0 && count < declaredSize) {
                throw new SizeMismatchException("The data of the image ended after " + count + " bytes; "
                        + declaredSize + " were declared");
            }
            // Hold back the last declared byte until the data is seen to end there (the peek blocks until then).
            if ((read > 0 && count + read == declaredSize) || (read < 0 && count == declaredSize && !endSeen)) {
                if (peek.moreFollows()) {
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
        }
    }

    /** Bytes arrived so far. */
    long count() {
        return count;
    }
}

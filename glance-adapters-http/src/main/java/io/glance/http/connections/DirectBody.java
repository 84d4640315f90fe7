package io.glance.http.connections;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A request body of known length whose large reads go from the socket straight into the caller's array whenever
 * Helidon holds none of the body, instead of into a new array for Helidon's reader and from there, copied, into the
 * caller's (an upload's 1 MiB digest buffer). Every other read goes through Helidon's stream, as do the first ones:
 * they take what Helidon read with the request head, and the first one sends a {@code 100 Continue} if it is due.
 * <p>
 * Helidon's count of the body must stay right (it reads the rest of a body that a handler left, and finds the next
 * request after it), so each read past it is followed by reading as many stand-in bytes out of Helidon's stream
 * ({@link WatchedReads#readPast}); those are copied out of an array that stays in the core's cache, where the real
 * bytes came from memory. What Helidon holds is counted, not guessed: the bytes its reader held when this stream was
 * made, plus those handed to it since, less those taken out of its stream here. A read past it happens only when
 * that is zero and the body still has at least the bytes asked for, so nothing is reordered and nothing past the
 * body is read.
 */
final class DirectBody extends InputStream {
    /**
     * Until the first read of at least this many bytes, reads go through Helidon (a JSON body read whole in small
     * reads is served from Helidon's large socket reads); after it, every read may go past it, so that the short rest
     * of a large buffer (an upload fills 1 MiB in as many reads as the network needs) does not send the body back
     * through Helidon's blocks.
     */
    static final int MIN_DIRECT_READ = 64 * 1024;

    private final InputStream helidon;
    private final WatchedReads reads;
    private final long heldAtStart;
    private final long handedOverAtStart;
    private long taken;
    private long remaining;
    private byte[] standIns;
    private boolean largeReads;

    /**
     * @param helidon the body as Helidon's stream gives it, nothing read from it yet
     * @param length  the request's Content-Length (no transfer or content coding)
     */
    DirectBody(InputStream helidon, WatchedReads reads, long length) {
        this.helidon = Objects.requireNonNull(helidon, "helidon is null");
        this.reads = Objects.requireNonNull(reads, "reads is null");
        this.heldAtStart = reads.buffered();
        this.handedOverAtStart = reads.handedOver();
        this.remaining = length;
    }

    @Override
    public int read() throws IOException {
        int b = helidon.read();
        if (b >= 0) {
            taken++;
            remaining--;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        largeReads |= length >= MIN_DIRECT_READ;
        if (largeReads && length > 0 && remaining > 0 && heldByHelidon() == 0 && reads.socketIsNext()) {
            int count = reads.readPast(buffer, offset, (int) Math.min(length, remaining));
            if (count > 0) {
                remaining -= count;
                takeStandIns(count);
                return count;
            }
            // The end of the stream inside the body: Helidon's stream reports it as it always does.
        }
        int count = helidon.read(buffer, offset, length);
        if (count > 0) {
            taken += count;
            remaining -= count;
        }
        return count;
    }

    /** Bytes of the body Helidon's reader and stream hold (they come before the socket's next one). */
    private long heldByHelidon() {
        return heldAtStart + (reads.handedOver() - handedOverAtStart) - taken;
    }

    /** Reads the {@code count} stand-ins Helidon's reader is owed out of its stream, so that its count goes on. */
    private void takeStandIns(int count) throws IOException {
        if (standIns == null) {
            standIns = new byte[WatchedReads.STAND_INS];
        }
        int left = count;
        while (left > 0) {
            int read = helidon.read(standIns, 0, Math.min(left, standIns.length));
            if (read < 0) {
                throw new IllegalStateException("Helidon's stream ended with " + left + " stand-in bytes unread");
            }
            left -= read;
            taken += read;
        }
    }

    @Override
    public int available() throws IOException {
        return helidon.available();
    }

    @Override
    public void close() throws IOException {
        helidon.close();
    }
}

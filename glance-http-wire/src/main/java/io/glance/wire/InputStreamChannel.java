package io.glance.wire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;

/**
 * A socket's InputStream (a TLS socket has no channel) as the source of an {@link HttpAnswerReader}. A heap buffer is
 * read into through its array, with no copy; {@link java.nio.channels.Channels#newChannel(InputStream)} copies every
 * read through an 8 KiB array of its own and makes each read interruptible (two lock-guarded calls per read).
 */
public final class InputStreamChannel implements ReadableByteChannel {
    private final InputStream in;
    private byte[] spare;
    private boolean open = true;

    public InputStreamChannel(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        if (dst.hasArray()) {
            int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
            if (n > 0) {
                dst.position(dst.position() + n);
            }
            return n;
        }
        // a direct buffer: through an array (none of the callers hands one to a stream source)
        if (spare == null || spare.length < Math.min(dst.remaining(), 64 * 1024)) {
            spare = new byte[Math.min(dst.remaining(), 64 * 1024)];
        }
        int n = in.read(spare, 0, Math.min(spare.length, dst.remaining()));
        if (n > 0) {
            dst.put(spare, 0, n);
        }
        return n;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Closes the stream (for a socket's, the socket). */
    @Override
    public void close() throws IOException {
        open = false;
        in.close();
    }
}

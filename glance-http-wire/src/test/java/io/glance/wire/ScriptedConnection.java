package io.glance.wire;

import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection that delivers fixed bytes, at most {@code piece} per read (1: every line split across reads), then
 * its end; it records each read's buffer (direct or not, its room) so a test can see where body bytes went.
 */
final class ScriptedConnection implements ReadableByteChannel {
    record Read(boolean direct, int room) {
    }

    private final byte[] bytes;
    private final int piece;
    private int offset;
    private boolean open = true;
    final List<Read> reads = new ArrayList<>();

    ScriptedConnection(byte[] bytes, int piece) {
        this.bytes = bytes;
        this.piece = piece;
    }

    static ScriptedConnection of(String text) {
        return of(text, Integer.MAX_VALUE);
    }

    static ScriptedConnection of(String text, int piece) {
        return new ScriptedConnection(text.getBytes(StandardCharsets.ISO_8859_1), piece);
    }

    @Override
    public int read(ByteBuffer dst) {
        reads.add(new Read(dst.isDirect(), dst.remaining()));
        if (offset == bytes.length) {
            return -1;
        }
        int n = Math.min(Math.min(piece, dst.remaining()), bytes.length - offset);
        dst.put(bytes, offset, n);
        offset += n;
        return n;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}

package io.glance.wire;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * A connection's bytes as lines (of a head, a chunk size, a trailer) and as body reads. Lines are cut from one buffer
 * of a fixed size, so no line can be longer than it; a body read that is at least as large as the buffer, with nothing
 * buffered, goes straight from the connection into the caller's buffer (a download's 1 MiB block, a direct buffer
 * that a file write takes: no copy through the heap). Bytes read past the current answer stay buffered for the next
 * one (keep-alive). The source blocks until it has bytes (a read that returns 0 is tried again).
 */
final class WireBuffer {
    private final ReadableByteChannel source;
    /** In read mode: position to limit are the bytes read from the source and not handed out yet. */
    private final ByteBuffer pending;
    private final byte[] array;
    /** Bytes read from the source so far, buffered or not. */
    private long received;

    WireBuffer(ReadableByteChannel source, int capacity) {
        this.source = source;
        this.array = new byte[capacity];
        this.pending = ByteBuffer.wrap(array).flip();
    }

    long received() {
        return received;
    }

    int buffered() {
        return pending.remaining();
    }

    ReadableByteChannel source() {
        return source;
    }

    /**
     * The next line, without its LF or CRLF (a bare LF ends a line too, as RFC 9112 lets a recipient accept).
     *
     * @param part   what the line is, named by the error when it does not fit the buffer
     * @param inside where the line stands, for the error when the connection ends before its LF
     */
    String line(MalformedAnswerException.Part part, String inside) throws IOException {
        int scanned = 0;
        while (true) {
            int start = pending.position();
            for (int i = start + scanned; i < pending.limit(); i++) {
                if (array[i] == '\n') {
                    int end = i > start && array[i - 1] == '\r' ? i - 1 : i;
                    pending.position(i + 1);
                    return new String(array, start, end - start, StandardCharsets.ISO_8859_1);
                }
            }
            scanned = pending.remaining();
            if (scanned == array.length) {
                throw new MalformedAnswerException(part, text(), "a line longer than the " + array.length
                        + " bytes allowed");
            }
            if (!fill()) {
                throw new EOFException("the connection ended " + inside
                        + (scanned == 0 ? "" : " after '" + MalformedAnswerException.shown(text()) + "'"));
            }
        }
    }

    /**
     * Reads at most {@code max} bytes of a body into {@code dst}.
     *
     * @return how many, at least one, or -1 when the connection has ended
     */
    int read(ByteBuffer dst, long max) throws IOException {
        int room = (int) Math.min(dst.remaining(), max);
        if (room <= 0) {
            return 0;
        }
        if (!pending.hasRemaining()) {
            if (room >= array.length) {
                return direct(dst, room);
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(room, pending.remaining());
        dst.put(dst.position(), array, pending.position(), n);
        dst.position(dst.position() + n);
        pending.position(pending.position() + n);
        return n;
    }

    /** A read from the source into {@code dst}, limited to {@code room} bytes. */
    private int direct(ByteBuffer dst, int room) throws IOException {
        int limit = dst.limit();
        dst.limit(dst.position() + room);
        try {
            return readSource(dst);
        } finally {
            dst.limit(limit);
        }
    }

    /** Reads more from the source behind what is buffered; false when the connection has ended. */
    private boolean fill() throws IOException {
        pending.compact();
        try {
            return readSource(pending) > 0;
        } finally {
            pending.flip();
        }
    }

    /** One read from the source into {@code dst}, which has room: at least one byte, or -1 at the end. */
    private int readSource(ByteBuffer dst) throws IOException {
        int n;
        do {
            n = source.read(dst);
        } while (n == 0);
        if (n > 0) {
            received += n;
        }
        return n;
    }

    /** What is buffered, as text (for an error). */
    private String text() {
        return new String(array, pending.position(), pending.remaining(), StandardCharsets.ISO_8859_1);
    }
}

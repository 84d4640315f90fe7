package io.glance.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.util.Objects;

/**
 * An answer's body as it arrives, never held whole: as a channel (a caller's direct buffer filled from the socket) or
 * as a stream ({@link #stream()}). It ends where its framing says: no body, Content-Length bytes, the last chunk and
 * its trailers, or the connection's end. Read to its end, it leaves the connection at the next answer (keep-alive);
 * closing it closes the connection.
 */
public final class AnswerBody implements ReadableByteChannel {
    /** How the body's end is found. */
    enum Framing { NONE, SIZED, CHUNKED, TO_CLOSE }

    /** Chunk sizes up to 15 hex digits (under 2^60): any real chunk, and no overflow. */
    private static final int MAX_CHUNK_DIGITS = 15;

    private final WireBuffer wire;
    private final Framing framing;
    private final long length;
    private final int trailerLimit;
    /** Sized: bytes left in the body. Chunked: bytes left in the current chunk. */
    private long left;
    /** Chunked: a chunk's data has been read and the CRLF after it not yet. */
    private boolean afterChunkData;
    private boolean ended;
    private boolean open = true;
    private final InputStream stream = new BodyStream();

    /** @param length the Content-Length of a sized body, otherwise -1 */
    AnswerBody(WireBuffer wire, Framing framing, long length, int trailerLimit) {
        this.wire = wire;
        this.framing = framing;
        this.length = length;
        this.left = framing == Framing.SIZED ? length : 0;
        this.trailerLimit = trailerLimit;
        this.ended = framing == Framing.NONE || (framing == Framing.SIZED && length == 0);
    }

    Framing framing() {
        return framing;
    }

    /** The announced Content-Length, or -1 (chunked, to the connection's end, or no body). */
    public long contentLength() {
        return length;
    }

    /** Whether the body has been read to its end, so the connection stands at the next answer. */
    public boolean ended() {
        return ended;
    }

    /** The body as a stream; each read goes through {@link #read(ByteBuffer)}. Closing it closes the connection. */
    public InputStream stream() {
        return stream;
    }

    /**
     * @throws EOFException              the connection ended before the body did (short of its Content-Length,
     *                                   inside a chunk)
     * @throws MalformedAnswerException  a bad chunk size line or chunk end
     */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        if (ended) {
            return -1;
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        return switch (framing) {
            case NONE -> -1;
            case TO_CLOSE -> toClose(dst);
            case SIZED -> sized(dst);
            case CHUNKED -> chunked(dst);
        };
    }

    private int toClose(ByteBuffer dst) throws IOException {
        int n = wire.read(dst, Long.MAX_VALUE);
        ended = n < 0;
        return n;
    }

    private int sized(ByteBuffer dst) throws IOException {
        int n = wire.read(dst, left);
        if (n < 0) {
            throw new EOFException("the connection ended " + left + " bytes short of the answer's Content-Length "
                    + length);
        }
        left -= n;
        ended = left == 0;
        return n;
    }

    private int chunked(ByteBuffer dst) throws IOException {
        if (left == 0 && !nextChunk()) {
            return -1;
        }
        int n = wire.read(dst, left);
        if (n < 0) {
            throw new EOFException("the connection ended inside a chunk, " + left + " bytes short of its size");
        }
        left -= n;
        afterChunkData = left == 0;
        return n;
    }

    /** Reads up to the next chunk's data; false (and the trailers read) at the last chunk. */
    private boolean nextChunk() throws IOException {
        if (afterChunkData) {
            String end = wire.line(MalformedAnswerException.Part.CHUNK_END, "after a chunk's data");
            if (!end.isEmpty()) {
                throw new MalformedAnswerException(MalformedAnswerException.Part.CHUNK_END, end,
                        "more data than the chunk's size");
            }
            afterChunkData = false;
        }
        left = chunkSize(wire.line(MalformedAnswerException.Part.CHUNK_SIZE, "before a chunk size line"));
        if (left > 0) {
            return true;
        }
        skipTrailers();
        ended = true;
        return false;
    }

    /** The size of {@code line} = hex digits, then optionally white space and {@code ;extensions} (ignored). */
    static long chunkSize(String line) throws MalformedAnswerException {
        int end = line.indexOf(';');
        if (end < 0) {
            end = line.length();
        }
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        if (end == 0 || end > MAX_CHUNK_DIGITS) {
            throw new MalformedAnswerException(MalformedAnswerException.Part.CHUNK_SIZE, line,
                    end == 0 ? "no size" : "more than " + MAX_CHUNK_DIGITS + " hex digits");
        }
        long size = 0;
        for (int i = 0; i < end; i++) {
            char c = line.charAt(i);
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0) {
                throw new MalformedAnswerException(MalformedAnswerException.Part.CHUNK_SIZE, line,
                        "not a hex number");
            }
            size = size << 4 | digit;
        }
        return size;
    }

    /** The trailer fields after the last chunk, up to the empty line: none is used, their size is bounded. */
    private void skipTrailers() throws IOException {
        long size = 0;
        for (String line = wire.line(MalformedAnswerException.Part.HEAD_SIZE, "inside the trailers");
             !line.isEmpty(); line = wire.line(MalformedAnswerException.Part.HEAD_SIZE, "inside the trailers")) {
            size += line.length() + 2;
            if (size > trailerLimit) {
                throw new MalformedAnswerException(MalformedAnswerException.Part.HEAD_SIZE, line,
                        "trailers longer than " + trailerLimit + " bytes");
            }
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Closes the connection the body arrives on. */
    @Override
    public void close() throws IOException {
        if (open) {
            open = false;
            wire.source().close();
        }
    }

    /** The body as an InputStream; a read of an array goes to the channel's read as a wrapped buffer. */
    private final class BodyStream extends InputStream {
        private final byte[] one = new byte[1];

        @Override
        public int read() throws IOException {
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, buffer.length);
            if (length == 0) {
                return 0;
            }
            return AnswerBody.this.read(ByteBuffer.wrap(buffer, offset, length));
        }

        @Override
        public void close() throws IOException {
            AnswerBody.this.close();
        }
    }
}

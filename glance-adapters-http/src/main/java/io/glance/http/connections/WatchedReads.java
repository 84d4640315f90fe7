package io.glance.http.connections;

import io.helidon.common.buffers.DataReader;
import io.helidon.webserver.ServerConnectionException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The bytes of one connection as Helidon's HTTP/1 parser pulls them: every blocking read is reported to the
 * {@link GuardedConnection}, so the guard knows when a client is being waited for and how much it delivers. The first
 * request of an HTTP/1.0 client is rewritten on the way (see {@link Http10Requests}).
 * <p>
 * On a plaintext connection the socket is read here in blocks of {@link #BLOCK} bytes: Helidon 4.5's stream socket
 * reads 8 KiB at a time into a fixed array and copies each read out again, which made a 1 GiB upload cost 131,000
 * {@code read(2)} calls and as many small arrays (about half of the server's system time in that upload). Bytes
 * Helidon's reader already holds (those it read to identify the protocol) are handed on first, so nothing is
 * reordered; from then on Helidon's reader is no longer asked for more.
 * <p>
 * A request body may also be read past Helidon, straight into its reader's array ({@link #readPast}, see
 * {@link DirectBody}); Helidon's reader is then owed as many bytes, which it gets as stand-ins (bytes nobody looks at)
 * the next times it pulls, so that its count of the body stays right and it never reads the socket for them again.
 */
final class WatchedReads implements Supplier<byte[]> {
    /** One read of the socket at most: large enough that a fast body needs few system calls, small enough per connection. */
    static final int BLOCK = 256 * 1024;
    /** Stand-ins per pull: few pulls, and small enough that copying them out stays in the core's cache. */
    static final int STAND_INS = 64 * 1024;

    private final DataReader source;
    private final InputStream socket;
    private final GuardedConnection connection;
    private final Http10Requests firstRequest;
    private byte[] block;
    /** The reader Helidon parses from, which pulls from here ({@link #readBy}). */
    private DataReader reader;
    /** Bytes handed to {@link #reader} so far (real ones and stand-ins). */
    private long handedOver;
    /** Bytes read past Helidon that {@link #reader} has still to be handed as stand-ins. */
    private long owed;
    private byte[] standIns;
    /** Bytes read past Helidon so far. */
    private long readPast;

    /**
     * @param socket the connection's socket stream to read in large blocks past Helidon's reader, or {@code null} to
     *               read only through Helidon's reader (TLS: the socket carries encrypted bytes)
     */
    WatchedReads(DataReader source, InputStream socket, GuardedConnection connection, String localHost) {
        this.source = source;
        this.socket = socket;
        this.connection = connection;
        this.firstRequest = new Http10Requests(localHost);
    }

    /** The reader that pulls from here: {@link #buffered()} is what it holds. */
    void readBy(DataReader reader) {
        this.reader = reader;
    }

    @Override
    public byte[] get() {
        byte[] bytes = owed > 0 ? standIns() : firstRequest.done() ? pull() : firstRequest.next(this::pull);
        if (bytes != null) {
            handedOver += bytes.length;
        }
        return bytes;
    }

    /** Bytes Helidon's reader holds, not yet parsed or taken out of its body stream. */
    long buffered() {
        return reader == null ? 0 : reader.available();
    }

    /** Bytes handed to Helidon's reader so far, read from the socket or stand-ins for bytes read past it. */
    long handedOver() {
        return handedOver;
    }

    /** Bytes read past Helidon so far ({@link #readPast}). */
    long bytesReadPast() {
        return readPast;
    }

    /**
     * Whether the next byte on the connection is the next one no reader here holds: a plaintext socket, the first
     * request's rewriting done, Helidon's protocol bytes and its reader empty, no stand-ins still owed.
     */
    boolean socketIsNext() {
        return socket != null && firstRequest.done() && owed == 0 && source.available() == 0
                && reader != null && reader.available() == 0;
    }

    /**
     * One read of the socket straight into {@code into}, watched as every read is; Helidon's reader is owed the bytes.
     * Only when {@link #socketIsNext()} and the caller knows that at least {@code length} bytes of the body are to
     * come: nothing past the body may be read here.
     *
     * @return the bytes read, or {@code -1} at the end of the stream
     */
    int readPast(byte[] into, int offset, int length) {
        if (!socketIsNext()) {
            throw new IllegalStateException("Helidon's reader holds bytes that come first");
        }
        connection.readStarted(System.nanoTime());
        int count;
        try {
            count = socket.read(into, offset, length);
        } catch (IOException e) {
            connection.readFinished(System.nanoTime(), 0);
            throw new ServerConnectionException("Failed to get data from socket", e);
        } catch (RuntimeException e) {
            connection.readFinished(System.nanoTime(), 0);
            throw e;
        }
        connection.readFinished(System.nanoTime(), Math.max(count, 0));
        if (count > 0) {
            owed += count;
            readPast += count;
        }
        return count;
    }

    /**
     * The next stand-ins: a reused array while it fits what is owed (Helidon's reader only copies out of the arrays
     * it is given), a last shorter one of the exact rest.
     */
    private byte[] standIns() {
        if (standIns == null) {
            standIns = new byte[STAND_INS];
        }
        byte[] bytes = owed >= standIns.length ? standIns : new byte[(int) owed];
        owed -= bytes.length;
        return bytes;
    }

    /** The next bytes from the socket, or {@code null} at end of stream. */
    private byte[] pull() {
        if (source.available() == 0) {
            if (socket != null) {
                return readSocket();
            }
            connection.readStarted(System.nanoTime());
            try {
                source.pullData();
            } catch (DataReader.InsufficientDataAvailableException endOfStream) {
                connection.readFinished(System.nanoTime(), 0);
                return null;
            } catch (RuntimeException e) {
                connection.readFinished(System.nanoTime(), 0);
                throw e;
            }
        }
        byte[] bytes = source.readBytes(source.available());
        connection.readFinished(System.nanoTime(), bytes.length);
        return bytes;
    }

    /**
     * One read of up to {@link #BLOCK} bytes, as Helidon's own socket reads would return them (and fail). Helidon's
     * reader keeps the array it is given, so a read that filled the block hands over the block itself and the next
     * read gets a new one; only a shorter read is copied into an array of its length. A fast upload's reads are mostly
     * full (the client is ahead of the server), and copying every block had taken 15 % of the request thread's samples
     * in a 1 GiB upload (async-profiler, 2026-12-07), about 0.18 CPU s per GiB.
     */
    private byte[] readSocket() {
        byte[] into = block != null ? block : new byte[BLOCK];
        connection.readStarted(System.nanoTime());
        int count;
        try {
            count = socket.read(into, 0, into.length);
        } catch (IOException e) {
            connection.readFinished(System.nanoTime(), 0);
            throw new ServerConnectionException("Failed to get data from socket", e);
        } catch (RuntimeException e) {
            connection.readFinished(System.nanoTime(), 0);
            throw e;
        }
        if (count <= 0) {
            // A blocking read returns at least one byte or the end of the stream.
            block = into;
            connection.readFinished(System.nanoTime(), 0);
            return null;
        }
        connection.readFinished(System.nanoTime(), count);
        if (count == into.length) {
            block = null;
            return into;
        }
        block = into;
        return Arrays.copyOf(into, count);
    }
}

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
 */
final class WatchedReads implements Supplier<byte[]> {
    /** One read of the socket at most: large enough that a fast body needs few system calls, small enough per connection. */
    static final int BLOCK = 256 * 1024;

    private final DataReader source;
    private final InputStream socket;
    private final GuardedConnection connection;
    private final Http10Requests firstRequest;
    private byte[] block;

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

    @Override
    public byte[] get() {
        return firstRequest.done() ? pull() : firstRequest.next(this::pull);
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

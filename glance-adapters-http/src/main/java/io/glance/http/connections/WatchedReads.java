package io.glance.http.connections;

import io.helidon.common.buffers.DataReader;

import java.util.function.Supplier;

/**
 * The bytes of one connection as Helidon's HTTP/1 parser pulls them: every blocking read is reported to the
 * {@link GuardedConnection}, so the guard knows when a client is being waited for and how much it delivers. The first
 * request of an HTTP/1.0 client is rewritten on the way (see {@link Http10Requests}).
 */
final class WatchedReads implements Supplier<byte[]> {
    private final DataReader source;
    private final GuardedConnection connection;
    private final Http10Requests firstRequest;

    WatchedReads(DataReader source, GuardedConnection connection, String localHost) {
        this.source = source;
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
}

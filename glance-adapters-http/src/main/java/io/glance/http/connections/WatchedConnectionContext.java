package io.glance.http.connections;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/** Helidon's connection context with the reader replaced by one whose reads the guard watches. */
final class WatchedConnectionContext implements ConnectionContext {
    private final ConnectionContext delegate;
    private final GuardedConnection connection;
    private final DataReader reader;

    WatchedConnectionContext(ConnectionContext delegate, GuardedConnection connection) {
        this.delegate = delegate;
        this.connection = connection;
        PeerInfo local = delegate.localPeer();
        WatchedReads reads = new WatchedReads(delegate.dataReader(), plainSocket(delegate, connection), connection,
                local.host() + ":" + local.port());
        this.reader = DataReader.create(reads);
        reads.readBy(reader);
        connection.reads(reads);
    }

    /** The socket's own stream on a plaintext connection with a blocking channel (Helidon's stream socket), else null. */
    private static InputStream plainSocket(ConnectionContext context, GuardedConnection connection) {
        if (context.isSecure() || !connection.channel().isBlocking()) {
            return null;
        }
        try {
            return connection.channel().socket().getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    GuardedConnection connection() {
        return connection;
    }

    @Override
    public DataReader dataReader() {
        return reader;
    }

    @Override
    public ListenerContext listenerContext() {
        return delegate.listenerContext();
    }

    @Override
    public ExecutorService executor() {
        return delegate.executor();
    }

    @Override
    public DataWriter dataWriter() {
        return delegate.dataWriter();
    }

    @Override
    public Router router() {
        return delegate.router();
    }

    @Override
    public Optional<ProxyProtocolData> proxyProtocolData() {
        return delegate.proxyProtocolData();
    }

    @Override
    public HelidonSocket serverSocket() {
        return delegate.serverSocket();
    }

    @Override
    public PeerInfo remotePeer() {
        return delegate.remotePeer();
    }

    @Override
    public PeerInfo localPeer() {
        return delegate.localPeer();
    }

    @Override
    public boolean isSecure() {
        return delegate.isSecure();
    }

    @Override
    public String socketId() {
        return delegate.socketId();
    }

    @Override
    public String childSocketId() {
        return delegate.childSocketId();
    }
}

package io.glance.client.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy on a free loopback port in front of glance-api that counts the bytes clients send to the server and,
 * once armed, does something when that count reaches a mark: cut every connection (a dropped link), or anything
 * else (kill the server). The bytes up to the mark are forwarded, none after it before the action ran. The target
 * port can change (a restarted server); a connection the target refuses is closed at once, as a dead host would.
 */
public final class CuttingProxy implements AutoCloseable {
    private record Mark(long at, Runnable action) {
    }

    private final ServerSocket listener;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicLong upstream = new AtomicLong();
    private final AtomicReference<Mark> mark = new AtomicReference<>();
    private volatile int targetPort;
    private volatile boolean closed;

    public CuttingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("cutting-proxy-accept").start(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Where connections go from now on; 0 refuses them all (a host that is down), closing each at once. */
    public void target(int port) {
        this.targetPort = port;
    }

    /** Bytes clients sent to the server so far, on every connection. */
    public long upstreamBytes() {
        return upstream.get();
    }

    public void resetCount() {
        upstream.set(0);
    }

    /** Once the upstream count reaches {@code at} (counted from now on too), runs {@code action}, once. */
    public void armAt(long at, Runnable action) {
        mark.set(new Mark(at, action));
    }

    /** Cuts every open connection, as a dropped link does. */
    public void cutAll() {
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            Socket server = new Socket();
            try {
                if (targetPort == 0) {
                    throw new IOException("no target");
                }
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
            } catch (IOException refused) {
                closeQuietly(client);
                closeQuietly(server);
                continue;
            }
            open.add(client);
            open.add(server);
            Thread.ofPlatform().daemon().name("cutting-proxy-up").start(() -> pump(client, server, true));
            Thread.ofPlatform().daemon().name("cutting-proxy-down").start(() -> pump(server, client, false));
        }
    }

    private void pump(Socket from, Socket to, boolean counted) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (!counted) {
                    out.write(buffer, 0, n);
                    continue;
                }
                Mark armed = mark.get();
                long before = upstream.get();
                if (armed != null && before + n >= armed.at() && mark.compareAndSet(armed, null)) {
                    int upTo = (int) Math.max(0, armed.at() - before);
                    out.write(buffer, 0, upTo);
                    out.flush();
                    upstream.addAndGet(upTo);
                    armed.action().run();
                    return;
                }
                out.write(buffer, 0, n);
                upstream.addAndGet(n);
            }
        } catch (IOException e) {
            // a cut or a closed peer: both ends go
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // stopping anyway
        }
        cutAll();
    }
}

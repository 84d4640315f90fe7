package io.glance.adapters.registry;

import io.glance.wire.HttpAnswer;
import io.glance.wire.HttpAnswerReader;
import io.glance.wire.InputStreamChannel;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * HTTP/1.1 exchanges with one glance-registry over keep-alive connections: the calling thread writes the request, and
 * reads the answer itself or takes it from the connection's reading thread (below). Every metadata call of glance-api
 * with {@code data_api: registry} is one such exchange, so its cost is the hop's cost: the JDK's {@code HttpClient}
 * handed each request to its selector thread and the answer back through futures (two thread hand-offs and a dozen
 * objects per request), which made the hop cost more than the database work
 * behind it. Idle connections are kept in a small pool and reused; one that the registry closed while idle leaves the
 * pool as soon as its reader sees the end (or, read by the caller, is noticed by the first read), and a request that
 * met it is sent once more on a new connection (the registry answered nothing on it, so it did not run it). The
 * timeout bounds each exchange, from sending the request to the answer's last byte: the sockets have no read timeout
 * of their own (a timed park per read on a virtual thread), {@link AnswerDeadlines} closes an exchange's connection
 * once its deadline has passed. Up to {@link #MAX_READERS} connections have a {@link PlatformReader}: a platform thread
 * reads their answers, so that a request on a virtual thread waits for one hand-off instead of the JDK's poller; the
 * connections beyond that are read by the calling thread, and are taken from the pool only when no idle connection
 * with a reader is left. The answers are read by the shared {@link HttpAnswerReader} (glance-http-wire), straight from
 * the socket's stream into its buffer.
 */
final class RegistryConnections implements AutoCloseable {
    /** Idle connections kept at most; more concurrent callers open more and close the surplus afterwards. */
    static final int MAX_IDLE = 64;
    /**
     * Connections read by a platform thread at most (one thread each). Few: a reader saves wake-ups while calls are
     * few and far between (at 1 client the poller woke for every answer), but each answer wakes its own reader, where
     * the poller, with many calls under way, hands over several answers per wake-up: at 32 clients 32 readers cost
     * glance-api 1.3-1.6 more wake-ups and about 0.1 ms more CPU per create (bench/README, registry hop session 11).
     */
    static final int MAX_READERS = 4;
    /** The request writer's buffer, and the answer reader's: also the most an answer's head may have. */
    private static final int BUFFER = 16 * 1024;
    /** How long a diagnosis of a failed TLS connection waits for the registry's alert. */
    private static final int PROBE_MILLIS = 5000;

    private final String host;
    private final int port;
    private final String hostHeader;
    private final boolean https;
    private final int timeoutMillis;
    private final SSLContext tls;
    private final int maxReaders;
    /** Connections whose reading thread has not ended yet. */
    private final AtomicInteger readers = new AtomicInteger();
    /** Idle connections with a reading thread: taken first, so that at low concurrency every call has one. */
    private final ConcurrentLinkedDeque<Connection> idleRead = new ConcurrentLinkedDeque<>();
    /** Idle connections their callers read. */
    private final ConcurrentLinkedDeque<Connection> idleOwn = new ConcurrentLinkedDeque<>();
    /** This client's own watcher: its thread ends with {@link #close()}. */
    private final AnswerDeadlines deadlines = new AnswerDeadlines();
    private volatile boolean closed;

    /** A registry's answer: its status and body (empty when it sent none). */
    record Answer(int status, byte[] body) {
    }

    /**
     * @param base    the registry's base URL ({@code http} or {@code https})
     * @param timeout for connecting, and for each exchange from sending the request to the answer's last byte
     * @param tls     the TLS trust (and client certificate) for {@code https}, or {@code null} for the JDK's
     */
    RegistryConnections(URI base, Duration timeout, SSLContext tls) {
        this(base, timeout, tls, MAX_READERS);
    }

    /** @param maxReaders how many connections at most have a platform thread reading their answers (0: none) */
    RegistryConnections(URI base, Duration timeout, SSLContext tls, int maxReaders) {
        if (maxReaders < 0) {
            throw new IllegalArgumentException("maxReaders is negative: " + maxReaders);
        }
        this.maxReaders = maxReaders;
        requireNonNull(base, "base is null");
        this.https = "https".equalsIgnoreCase(base.getScheme());
        if (!https && !"http".equalsIgnoreCase(base.getScheme())) {
            throw new IllegalArgumentException("The registry URL must be http or https: " + base);
        }
        this.host = requireNonNull(base.getHost(), () -> "The registry URL has no host: " + base);
        this.port = base.getPort() >= 0 ? base.getPort() : https ? 443 : 80;
        this.hostHeader = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        this.timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        this.tls = tls;
    }

    /**
     * Sends one request and reads its whole answer.
     *
     * @param target  the request target: the path and query as they go on the request line
     * @param headers sent as given, besides Host and Content-Length
     * @param body    the request body, or {@code null} for none
     * @throws IOException when the registry cannot be reached or the connection fails or times out, or this client
     *                     is closed
     */
    Answer exchange(String method, String target, Map<String, String> headers, byte[] body) throws IOException {
        if (closed) {
            throw new IOException("The glance-registry client is closed");
        }
        byte[] head = head(method, target, headers, body);
        Connection pooled = idleRead.pollFirst();
        if (pooled == null) {
            pooled = idleOwn.pollFirst();
        }
        if (pooled != null) {
            try {
                return exchange(pooled, true, head, body);
            } catch (StaleConnectionException stale) {
                pooled.close();
                // closed by the registry while idle: it saw no request on it, so sending it again runs it once
            }
        }
        try {
            return exchange(open(true), false, head, body);
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            throw diagnosed(e);
        }
    }

    /**
     * Why a new TLS connection failed, when the registry said so. With TLS 1.3 a registry that refuses the client's
     * certificate ({@code ca_file}) sends its alert after the client's handshake has completed, so the request's
     * write or read fails with a bare "Broken pipe" or reset, depending on timing. A second handshake followed by a
     * short read receives the alert itself ({@code certificate_required}), which names the problem.
     */
    private IOException diagnosed(IOException failure) {
        if (!https || failure instanceof SSLException) {
            return failure;
        }
        Connection probe = null;
        try {
            probe = open(false);
            probe.socket.setSoTimeout(Math.min(timeoutMillis, PROBE_MILLIS));
            probe.socket.getInputStream().read();
        } catch (SSLException refused) {
            refused.addSuppressed(failure);
            return refused;
        } catch (IOException | RuntimeException other) {
            failure.addSuppressed(other);
        } finally {
            if (probe != null) {
                probe.close();
            }
        }
        return failure;
    }

    /**
     * @param pooled whether the connection comes from the pool, so served an exchange before: a write that fails then
     *               means the registry closed it while idle
     */
    private Answer exchange(Connection connection, boolean pooled, byte[] head, byte[] body) throws IOException {
        boolean reusable = false;
        connection.startExchange(timeoutMillis);
        try {
            try {
                connection.out.write(head);
                if (body != null) {
                    connection.out.write(body);
                }
                connection.out.flush();
            } catch (IOException e) {
                throw connection.expired() ? connection.timedOut(e) : pooled
                        ? new StaleConnectionException("glance-registry closed an idle connection", e) : e;
            }
            Answer answer;
            try {
                answer = connection.reader != null ? connection.reader.await() : connection.read();
            } catch (IOException e) {
                throw connection.expired() ? connection.timedOut(e) : e;
            }
            reusable = connection.keepAlive;
            return answer;
        } finally {
            // An exchange the watcher ended in the meantime leaves a closed socket: not one to reuse.
            if (!connection.endExchange()) {
                reusable = false;
            }
            if (reusable && !closed && idleRead.size() + idleOwn.size() < MAX_IDLE && !connection.readingEnded) {
                ConcurrentLinkedDeque<Connection> idle = connection.reader != null ? idleRead : idleOwn;
                idle.addFirst(connection);
                if (connection.readingEnded) {
                    // its reader ended (the registry closed it) between the check and the add, and may have looked
                    // for it in the pool before it was there
                    idle.remove(connection);
                }
            } else {
                connection.close();
            }
        }
    }

    private byte[] head(String method, String target, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(target)
                .append(" HTTP/1.1\r\nHost: ").append(hostHeader).append("\r\n");
        headers.forEach((name, value) -> head.append(checked(name)).append(": ").append(checked(value))
                .append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        } else if (!method.equals("GET") && !method.equals("HEAD")) {
            head.append("Content-Length: 0\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Header text must not break the request's framing. */
    private static String checked(String text) {
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("A header for glance-registry contains a line break: " + text);
        }
        return text;
    }

    /** @param withReader whether the connection may get a reading thread (not a probe that reads by itself) */
    private Connection open(boolean withReader) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            if (https) {
                // The handshake's reads are bounded by a socket timeout; the exchanges' by AnswerDeadlines.
                socket.setSoTimeout(timeoutMillis);
                socket = secure(socket);
                socket.setSoTimeout(0);
            }
            Connection connection = new Connection(socket, deadlines);
            if (withReader) {
                startReader(connection);
            }
            return connection;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Gives the connection a reading thread while fewer than {@code maxReaders} connections have one. */
    private void startReader(Connection connection) {
        if (readers.incrementAndGet() > maxReaders) {
            readers.decrementAndGet();
            return;
        }
        try {
            connection.reader = PlatformReader.start(readingSource(connection));
        } catch (RuntimeException | OutOfMemoryError noThread) {
            // No thread to be had (the JVM's thread limit): the callers read this connection themselves, as they
            // do the connections beyond maxReaders.
            readers.decrementAndGet();
        }
    }

    private PlatformReader.Source readingSource(Connection connection) {
        return new PlatformReader.Source() {
            @Override
            public Answer read() throws IOException {
                return connection.read();
            }

            @Override
            public boolean keepAlive() {
                return connection.keepAlive;
            }

            @Override
            public void readingEnded() {
                connection.readingEnded = true;
                idleRead.remove(connection);
                connection.close();
                readers.decrementAndGet();
            }
        };
    }

    /** TLS over the connected socket, checking the certificate's name against the registry's host as https does. */
    private Socket secure(Socket plain) throws IOException {
        SSLContext context;
        try {
            context = tls != null ? tls : SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("No TLS for glance-registry: " + e.getMessage(), e);
        }
        SSLSocket secure = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters parameters = secure.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        secure.setSSLParameters(parameters);
        secure.startHandshake();
        return secure;
    }

    /** Closes the idle connections and ends the deadline watcher's thread; exchanges still running fail. */
    @Override
    public void close() {
        closed = true;
        for (Connection connection; (connection = idleRead.pollFirst()) != null; ) {
            connection.close();
        }
        for (Connection connection; (connection = idleOwn.pollFirst()) != null; ) {
            connection.close();
        }
        deadlines.close();
    }

    /** Connections whose reading thread is still alive; for tests. */
    int reading() {
        return readers.get();
    }

    /** Connections kept for reuse; for tests. */
    int idleConnections() {
        return idleRead.size() + idleOwn.size();
    }

    /** Whether this client's deadline watcher is running (it starts with the first connection); for tests. */
    boolean watchingDeadlines() {
        return deadlines.watching();
    }

    /** The registry closed a reused connection before answering: the request may be sent again on a new one. */
    private static final class StaleConnectionException extends IOException {
        StaleConnectionException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * One keep-alive connection: its streams, whether its last answer let it stay open, and the deadline of the
     * exchange running on it (watched by {@link AnswerDeadlines}).
     */
    private static final class Connection implements AnswerDeadlines.Watched {
        private final Socket socket;
        private final AnswerDeadlines deadlines;
        private final HttpAnswerReader answers;
        private final OutputStream out;
        private boolean keepAlive;
        private boolean used;
        /** The thread reading this connection's answers, or {@code null} when the exchange's thread reads them. */
        private PlatformReader reader;
        /** Set once the reader has ended: the connection is closed and must not go back to the pool. */
        private volatile boolean readingEnded;
        private long timeoutMillis;
        private volatile long deadline;
        private volatile boolean expired;

        /** @throws IOException when the streams cannot be had, or the client is closed (the socket is not closed) */
        Connection(Socket socket, AnswerDeadlines deadlines) throws IOException {
            this.socket = socket;
            this.deadlines = deadlines;
            this.answers = new HttpAnswerReader(new InputStreamChannel(socket.getInputStream()), BUFFER);
            this.out = new BufferedOutputStream(socket.getOutputStream(), BUFFER);
            if (!deadlines.watch(this)) {
                throw new IOException("The glance-registry client is closed");
            }
        }

        void startExchange(long timeoutMillis) {
            this.timeoutMillis = timeoutMillis;
            long due = System.nanoTime() + timeoutMillis * 1_000_000L;
            deadline = due == 0 ? 1 : due;
        }

        /** @return whether the exchange ended before its deadline, so the connection is still whole */
        boolean endExchange() {
            deadline = 0;
            return !expired;
        }

        @Override
        public long deadline() {
            return deadline;
        }

        @Override
        public void expire() {
            expired = true;
            close();
        }

        boolean expired() {
            return expired;
        }

        SocketTimeoutException timedOut(IOException failure) {
            SocketTimeoutException timeout = new SocketTimeoutException("glance-registry did not answer within "
                    + timeoutMillis + " ms");
            timeout.initCause(failure);
            return timeout;
        }

        /**
         * Reads the next answer, its body whole (one JSON document), and notes whether the connection may be used
         * again. The registry client sends no HEAD, so every answer's body is framed by its headers.
         */
        Answer read() throws IOException {
            boolean reused = used;
            used = true;
            HttpAnswer answer;
            try {
                answer = answers.next("GET");
            } catch (IOException e) {
                if (reused && !expired && !answers.answerBegun()) {
                    throw new StaleConnectionException("glance-registry closed an idle connection", e);
                }
                throw e;
            }
            keepAlive = answer.keepAlive();
            return new Answer(answer.status(), body(answer));
        }

        private static byte[] body(HttpAnswer answer) throws IOException {
            long length = answer.contentLength();
            InputStream body = answer.body().stream();
            if (length < 0) {
                return body.readAllBytes();
            }
            if (length > Integer.MAX_VALUE - 8) {
                throw new IOException("glance-registry announced a body of " + length + " bytes");
            }
            byte[] bytes = new byte[(int) length];
            body.readNBytes(bytes, 0, bytes.length); // a body cut short is an EOFException
            return bytes;
        }

        @Override
        public void close() {
            deadlines.forget(this);
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}

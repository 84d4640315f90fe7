package io.glance.http.data;

import io.glance.http.connections.ClientChannel;
import io.glance.http.connections.ConnectionGuard;
import io.glance.http.connections.ConnectionSettings;
import io.glance.http.connections.GuardedListener;
import io.glance.http.connections.SendBuffers;
import io.glance.store.spi.BufferReadable;
import io.glance.store.spi.ChannelTransferable;
import io.helidon.common.socket.SocketOptions;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http1.Http1Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Zero-copy bodies over real sockets, behind the connection guard as in glance-api: the bytes arrive whole and in
 * order even when the client reads slowly (the socket's send buffer fills and the sender has to wait), most of them
 * by transfer, or read into one of the listener's direct buffers and written from it, rather than through Helidon,
 * and the connection stays usable for the next request.
 */
class ZeroCopyBodyTest {
    private static final int SIZE = 6 * 1024 * 1024 + 12345;

    @TempDir
    private Path tmp;
    private ConnectionGuard guard;
    private WebServer server;
    private final AtomicLong transferred = new AtomicLong();
    private final AtomicLong sentDirectly = new AtomicLong();
    private final AtomicLong transferredOffVirtualThreads = new AtomicLong();
    private final AtomicLong readIntoBuffers = new AtomicLong();
    private final AtomicLong readIntoBuffersOffVirtualThreads = new AtomicLong();
    /** Whether the store's stream reads into buffers ({@link BufferReadable}) or only transfers. */
    private boolean bufferReadable;
    private final CompletableFuture<Throwable> sendFailure = new CompletableFuture<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
            guard.close();
        }
    }

    /** glance-api's plaintext listener: Helidon's stream socket (use-nio false). */
    @Test
    void aBodyArrivesWholeOverASlowReaderAndTheConnectionCarriesOn() throws Exception {
        byte[] data = serveRandomFile(7);
        try (Socket socket = slowReader()) {
            assertThat(downloadSlowly(socket)).isEqualTo(data);
            assertThat(transferred.get()).as("bytes sent by transfer").isGreaterThan(SIZE / 2);
            assertThat(transferredOffVirtualThreads.get())
                    .as("bytes sent after the send buffer was full, by a platform thread waiting in poll(2)")
                    .isPositive();
            assertTheConnectionCarriesOn(socket);
        }
    }

    /** A stream that reads into buffers: the body goes through one of the listener's direct buffers, not sendfile. */
    @Test
    void aBufferedBodyArrivesWholeOverASlowReaderAndItsBufferComesBack() throws Exception {
        bufferReadable = true;
        byte[] data = serveRandomFile(9);
        try (Socket socket = slowReader()) {
            assertThat(downloadSlowly(socket)).isEqualTo(data);
            assertThat(readIntoBuffers.get()).as("bytes read into the send buffer").isGreaterThan(SIZE / 2);
            assertThat(transferred.get()).as("bytes sent by transfer").isZero();
            assertThat(readIntoBuffersOffVirtualThreads.get())
                    .as("bytes read after the send buffer was full, by a platform thread waiting in poll(2)")
                    .isPositive();
            assertTheConnectionCarriesOn(socket);
        }
        assertEveryBufferIsFree();
    }

    /** With every send buffer out (as many downloads at once as the pool holds) the body goes by sendfile. */
    @Test
    void withNoSendBufferFreeTheBodyGoesByTransfer() throws Exception {
        bufferReadable = true;
        byte[] data = serveRandomFile(10);
        List<ByteBuffer> taken = takeAll(guard.sendBuffers());
        try (Socket socket = slowReader()) {
            assertThat(downloadSlowly(socket)).isEqualTo(data);
            assertThat(readIntoBuffers.get()).as("bytes read into a send buffer").isZero();
            assertThat(transferred.get()).as("bytes sent by transfer").isGreaterThan(SIZE / 2);
            assertTheConnectionCarriesOn(socket);
        }
        taken.forEach(guard.sendBuffers()::release);
    }

    /** A client that goes away mid-body: the sender's failure reaches the handler as an IOException. */
    @Test
    void aClientThatGoesAwayEndsTheSendWithAnIOException() throws Exception {
        serveRandomFile(8);
        resetAfterTheHead();
        assertThat(sendFailure.get(30, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
    }

    /** The same through a send buffer, which is given back although the send failed. */
    @Test
    void aClientThatGoesAwayEndsABufferedSendWithAnIOExceptionAndItsBufferComesBack() throws Exception {
        bufferReadable = true;
        serveRandomFile(11);
        resetAfterTheHead();
        assertThat(sendFailure.get(30, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
        assertEveryBufferIsFree();
    }

    private void resetAfterTheHead() throws IOException {
        try (Socket socket = slowReader()) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("GET /file HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readHead(in)).startsWith("HTTP/1.1 200");
            assertThat(in.readNBytes(ZeroCopyBody.HEAD_BYTES)).hasSize(ZeroCopyBody.HEAD_BYTES);
            socket.setSoLinger(true, 0); // a reset: the server's next write fails at once
        }
    }

    /** Sends a GET of the file and reads its body slowly, so that the server's send buffer fills up. */
    private static byte[] downloadSlowly(Socket socket) throws IOException, InterruptedException {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        out.write("GET /file HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readHead(in);
        assertThat(head).startsWith("HTTP/1.1 200").contains("Content-Length: " + SIZE);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        int reads = 0;
        while (body.size() < SIZE) {
            int n = in.read(chunk, 0, Math.min(chunk.length, SIZE - body.size()));
            assertThat(n).as("the body ended early after %d bytes", body.size()).isPositive();
            body.write(chunk, 0, n);
            if (++reads % 64 == 0) {
                Thread.sleep(1); // a slow reader: the server's send buffer fills up
            }
        }
        return body.toByteArray();
    }

    /** The next request on the connection is answered, so the download's handler had returned. */
    private void assertTheConnectionCarriesOn(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        out.write("GET /hello HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertThat(readHead(in)).startsWith("HTTP/1.1 200").contains("Content-Length: 5");
        assertThat(new String(in.readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(sentDirectly.get()).as("counted for the access log: all but what Helidon wrote")
                .isEqualTo(SIZE - ZeroCopyBody.HEAD_BYTES);
    }

    /** All of the guard's send buffers can be taken: none was kept by a finished download. */
    private void assertEveryBufferIsFree() {
        SendBuffers buffers = guard.sendBuffers();
        List<ByteBuffer> taken = takeAll(buffers);
        assertThat(taken).as("send buffers free after the download").hasSize(buffers.limit());
        taken.forEach(buffers::release);
    }

    private static List<ByteBuffer> takeAll(SendBuffers buffers) {
        List<ByteBuffer> taken = new ArrayList<>();
        for (var buffer = buffers.take(); buffer.isPresent(); buffer = buffers.take()) {
            taken.add(buffer.get());
        }
        return taken;
    }

    /** Starts the server on a file of {@code SIZE} random bytes and returns them. */
    private byte[] serveRandomFile(long seed) throws IOException {
        byte[] data = new byte[SIZE];
        new Random(seed).nextBytes(data);
        start(Files.write(tmp.resolve("image"), data));
        return data;
    }

    /** A client whose small receive buffer makes the server's send buffer fill up. */
    private Socket slowReader() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(30_000);
        socket.setReceiveBufferSize(16 * 1024);
        return socket;
    }

    private void start(Path file) {
        guard = new ConnectionGuard(new ConnectionSettings(8, Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofSeconds(30), 1), 8);
        WebServerConfig.Builder builder = WebServer.builder().host("127.0.0.1").port(0).useNio(false)
                .writeBufferSize(64 * 1024)
                .routing(routing -> routing.addFilter(GuardedListener.requestFilter(guard))
                        .get("/file", (req, res) -> sendFile(req, res, file))
                        .get("/hello", (req, res) -> res.send("hello")));
        GuardedListener.install(builder, guard, SocketOptions.builder().tcpNoDelay(true).build(),
                Http1Config.create());
        server = builder.build().start();
    }

    private void sendFile(ServerRequest req, ServerResponse res, Path file) throws IOException {
        ClientChannel socket = ClientChannel.of(req).orElseThrow();
        res.headers().contentLength(SIZE);
        FileChannel channel = FileChannel.open(file);
        try (FileStream in = bufferReadable ? new BufferReadableFileStream(channel) : new FileStream(channel);
             OutputStream out = res.outputStream()) {
            assertThat(ZeroCopyBody.send(res, out, in, in, socket, SIZE)).isTrue();
        } catch (IOException | RuntimeException e) {
            sendFailure.complete(e);
            throw e;
        }
        sentDirectly.set(ClientChannel.sentDirectly(req));
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("the connection closed in the head: %s", head).isNotNegative();
            head.append((char) b);
        }
        return head.toString();
    }

    /** A file read as a store driver's stream that can transfer itself, counting what it transfers. */
    private class FileStream extends InputStream implements ChannelTransferable {
        final FileChannel channel;
        long position;

        FileStream(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = channel.read(ByteBuffer.wrap(b, off, len), position);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public long transferTo(WritableByteChannel target) throws IOException {
            if (position >= channel.size()) {
                return -1;
            }
            long n = channel.transferTo(position, channel.size() - position, target);
            position += n;
            transferred.addAndGet(n);
            if (!Thread.currentThread().isVirtual()) {
                transferredOffVirtualThreads.addAndGet(n);
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** The same file stream reading into buffers too, counting what it reads that way. */
    private final class BufferReadableFileStream extends FileStream implements BufferReadable {
        BufferReadableFileStream(FileChannel channel) {
            super(channel);
        }

        @Override
        public int read(ByteBuffer target) throws IOException {
            int n = channel.read(target, position);
            if (n > 0) {
                position += n;
                readIntoBuffers.addAndGet(n);
                if (!Thread.currentThread().isVirtual()) {
                    readIntoBuffersOffVirtualThreads.addAndGet(n);
                }
            }
            return n;
        }
    }
}

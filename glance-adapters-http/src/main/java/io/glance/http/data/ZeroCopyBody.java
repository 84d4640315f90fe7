package io.glance.http.data;

import io.glance.http.connections.ClientChannel;
import io.glance.http.connections.SendBuffers;
import io.glance.store.spi.BufferReadable;
import io.glance.store.spi.ChannelTransferable;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Sends a response body of a known length from a store stream that can transfer itself to a socket
 * ({@link ChannelTransferable}: a file, sent with sendfile), bypassing Helidon's output path, which copies every
 * byte twice on its way to the socket (bench/compare.sh measures the difference). Helidon still writes the status
 * line, the headers and the first bytes, so its framing and bookkeeping stay its own; the rest goes to the
 * connection's socket, exactly as many bytes as the Content-Length says, before Helidon's stream is closed. A stream
 * that can also read into buffers ({@link BufferReadable}) is read into one of the listener's direct
 * {@link SendBuffers} and written from it ({@link BufferedWrites}), which outran sendfile on loopback; with no buffer
 * free, it is sent with sendfile.
 */
final class ZeroCopyBody {
    /** Sent through Helidon: its output buffer's size, so the write goes out at once with the headers. */
    static final int HEAD_BYTES = 64 * 1024;
    /** Written (blocking) whenever the socket's send buffer is full: waits for room without spinning. */
    private static final int WAIT_SLICE_BYTES = 16 * 1024;

    private ZeroCopyBody() {
    }

    /**
     * @param length the Content-Length already set, which {@code in} delivers exactly
     * @return {@code false}, having written nothing, when the body cannot go this way (an encoder such as gzip
     *         wraps Helidon's stream); the caller then copies {@code in} to {@code out}
     */
    static boolean send(ServerResponse res, OutputStream out, InputStream in, ChannelTransferable transferable,
                        ClientChannel client, long length) throws IOException {
        if (length <= HEAD_BYTES || res.headers().contains(HeaderNames.CONTENT_ENCODING)) {
            return false;
        }
        byte[] head = in.readNBytes(HEAD_BYTES);
        if (head.length < HEAD_BYTES) {
            throw new EOFException("the data ended after " + head.length + " of " + length + " bytes");
        }
        out.write(head);
        out.flush();
        SendBuffers buffers = client.sendBuffers();
        Optional<ByteBuffer> buffer = in instanceof BufferReadable ? buffers.take() : Optional.empty();
        Rest rest = buffer.<Rest>map(taken -> new BufferedWrites((BufferReadable) in, taken, client)::sendFrom)
                .orElse((sent, end, untilFull) -> sendFrom(sent, end, in, transferable, client, untilFull));
        try {
            boolean virtual = Thread.currentThread().isVirtual();
            long sent = rest.sendFrom(head.length, length, virtual);
            if (sent < length) {
                sendOnPlatformThread(rest, sent, length);
            }
        } finally {
            // The sender has ended by now (sendOnPlatformThread waits for it even when interrupted).
            buffer.ifPresent(buffers::release);
        }
        return true;
    }

    /** How the body after the head goes to the socket: sendfile, or reads into a buffer and writes from it. */
    @FunctionalInterface
    private interface Rest {
        /**
         * Sends from {@code sent} to {@code length}; with {@code untilFull} only until the socket's send buffer is
         * first full.
         *
         * @return how far the body has been sent
         */
        long sendFrom(long sent, long length, boolean untilFull) throws IOException;
    }

    /**
     * Sends the rest from {@code sent} on a platform thread of its own and waits for it. When the send buffer is
     * full, a virtual thread's write parks and is woken through the JDK's poller thread and the carrier pool (two
     * more threads to schedule per wait, several hundred waits per GiB on loopback); a platform thread waits in
     * poll(2) on the socket itself and is woken by the kernel, as nginx's worker is from epoll. One thread per
     * download that fills its send buffer: a body that fits never starts one.
     */
    private static void sendOnPlatformThread(Rest rest, long sent, long length) throws IOException {
        FutureTask<Void> task = new FutureTask<>(() -> {
            rest.sendFrom(sent, length, false);
            return null;
        });
        Thread sender = Thread.ofPlatform().name("glance-body-sender").daemon().start(task);
        try {
            task.get();
        } catch (InterruptedException e) {
            // The channels are interruptible: the interrupt closes them, which ends the transfer; the sender is
            // waited for so that nothing uses the store's stream after the caller has closed it.
            sender.interrupt();
            joinUninterruptibly(sender);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending a body");
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw new IOException(e.getCause());
            }
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends from {@code sent} to {@code length}; with {@code untilFull} only until the socket's send buffer is first
     * full, so that the caller can hand the waiting to a platform thread.
     *
     * @return how far the body has been sent: {@code length}, or less when {@code untilFull} stopped it
     */
    private static long sendFrom(long sent, long length, InputStream in, ChannelTransferable transferable,
                                 ClientChannel client, boolean untilFull) throws IOException {
        SocketChannel socket = client.channel();
        ByteBuffer slice = null;
        while (sent < length) {
            long count = transferable.transferTo(socket);
            if (count < 0) {
                throw new EOFException("the data ended after " + sent + " of " + length + " bytes");
            }
            if (count == 0) {
                if (untilFull) {
                    return sent;
                }
                // The send buffer is full (Helidon's virtual threads made the socket non-blocking): a blocking write
                // of the next few bytes waits in poll(2) until the client has taken some.
                slice = slice == null ? ByteBuffer.allocate(WAIT_SLICE_BYTES) : slice.clear();
                int read = in.read(slice.array(), 0, (int) Math.min(WAIT_SLICE_BYTES, length - sent));
                if (read < 0) {
                    throw new EOFException("the data ended after " + sent + " of " + length + " bytes");
                }
                slice.limit(read);
                while (slice.hasRemaining()) {
                    socket.write(slice);
                }
                count = read;
            }
            sent += count;
            client.sentDirectly(count);
        }
        return sent;
    }
}

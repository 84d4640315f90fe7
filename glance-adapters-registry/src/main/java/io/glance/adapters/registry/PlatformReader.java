package io.glance.adapters.registry;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A platform thread that reads one registry connection's answers and hands each to the exchange waiting for it; the
 * exchange's own thread writes the request and then waits here.
 *
 * <p>Why: glance-api runs each API request on a virtual thread, and a virtual thread's blocking read parks it on the
 * JDK's poller. When the answer comes, the poller thread wakes, then a carrier to run the sub-poller, which unparks the
 * request's thread, often onto the other carrier: about one poller and 2.4 carrier wake-ups per registry call
 * (bench/README, registry hop session 10), each a trip through the run queue, or an idle CPU's wake-up, while the
 * request waits. A platform thread blocks in the kernel's read instead; the answer wakes it and it unparks the
 * request's thread. The thread is already reading when the request is sent (it waits on the connection from the
 * moment the connection is opened), so handing the exchange over costs no wake-up either.
 *
 * <p>The thread ends with the connection: on any read failure (the registry closed it, the deadline watcher or the
 * client closed it) and after an answer that does not keep the connection alive. Each outcome (an answer or the failure
 * that ended the reading) is handed over once; a failure met while no exchange waits stays for the next one to take,
 * which is how a connection the registry closed while idle still reports itself stale to a caller that took it from
 * the pool at that moment.
 */
final class PlatformReader {
    /** What the reader reads from and reports to: the connection. */
    interface Source {
        /** Reads one whole answer, blocking until it has come. */
        RegistryConnections.Answer read() throws IOException;

        /** Whether the answer just read leaves the connection open for another. */
        boolean keepAlive();

        /** The reading has ended (the thread is about to end): the connection must not be used again. */
        void readingEnded();
    }

    /** At most one outcome waits: an exchange takes its answer before it sends the next request. */
    private final BlockingQueue<Object> outcomes = new ArrayBlockingQueue<>(1);
    private final Source source;
    private final Thread thread;

    private PlatformReader(Source source) {
        this.source = source;
        this.thread = Thread.ofPlatform().daemon().name("glance-registry-reader").unstarted(this::run);
    }

    /** Starts reading {@code source}'s answers on a new platform thread. */
    static PlatformReader start(Source source) {
        PlatformReader reader = new PlatformReader(source);
        reader.thread.start();
        return reader;
    }

    /**
     * Waits for the answer to the request just sent.
     *
     * @throws IOException the failure the reading met (the connection is then finished), or an
     *                     {@link InterruptedIOException} when the waiting thread is interrupted
     */
    RegistryConnections.Answer await() throws IOException {
        Object outcome;
        try {
            outcome = outcomes.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for glance-registry's answer");
        }
        if (outcome instanceof RegistryConnections.Answer answer) {
            return answer;
        }
        if (outcome instanceof IOException failure) {
            throw failure;
        }
        throw new IOException("Reading glance-registry's answer failed", (Throwable) outcome);
    }

    private void run() {
        try {
            while (true) {
                RegistryConnections.Answer answer = source.read();
                outcomes.add(answer);
                if (!source.keepAlive()) {
                    return;
                }
            }
        } catch (IOException | RuntimeException | Error failure) {
            // An exchange still waiting must not wait for ever: it gets the failure (a queue already holding the
            // previous answer means nobody waits for another one, since no request went out after it).
            outcomes.offer(failure);
            if (failure instanceof Error error) {
                throw error;
            }
        } finally {
            source.readingEnded();
        }
    }
}

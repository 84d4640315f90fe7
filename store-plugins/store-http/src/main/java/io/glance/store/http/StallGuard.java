package io.glance.store.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fails a body read that stays silent longer than the timeout. The JDK client's request timeout ends when the headers
 * arrive; after that a stalled server would block the reader forever, so each read arms a timer that interrupts the
 * reading thread and closes the body.
 */
final class StallGuard extends FilterInputStream {
    private final ScheduledExecutorService timer;
    private final Duration timeout;
    private final String description;
    private volatile boolean stalled;

    StallGuard(InputStream body, ScheduledExecutorService timer, Duration timeout, String description) {
        super(body);
        this.timer = timer;
        this.timeout = timeout;
        this.description = description;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Thread reader = Thread.currentThread();
        ScheduledFuture<?> alarm = timer.schedule(() -> {
            stalled = true;
            reader.interrupt();
            closeQuietly();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            int read = super.read(buffer, offset, length);
            if (stalled) {
                throw stall();
            }
            return read;
        } catch (IOException e) {
            if (stalled) {
                HttpTimeoutException timeoutFailure = stall();
                timeoutFailure.initCause(e);
                throw timeoutFailure;
            }
            throw e;
        } finally {
            alarm.cancel(false);
            if (stalled) {
                Thread.interrupted(); // the interrupt was ours, not the caller's
            }
        }
    }

    private HttpTimeoutException stall() {
        return new HttpTimeoutException(description + ": no data for " + timeout.toSeconds() + " s");
    }

    private void closeQuietly() {
        try {
            in.close();
        } catch (IOException | RuntimeException ignored) {
            // the reader gets the timeout instead
        }
    }
}

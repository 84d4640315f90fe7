package io.glance.cli;

import io.glance.client.ProgressListener;

import static java.util.Objects.requireNonNull;

/**
 * Passes an upload's progress on (to the bar, or nowhere) and keeps the bytes sent so far, for the line printed at
 * the end. A resumed upload counts from the offset the server held, so the last figure is the whole image's.
 */
final class SentBytes implements ProgressListener {
    private final ProgressListener next;
    private long bytes;

    SentBytes(ProgressListener next) {
        this.next = requireNonNull(next, "next is null");
    }

    @Override
    public void progress(long bytesSoFar, long totalBytes) {
        bytes = bytesSoFar;
        next.progress(bytesSoFar, totalBytes);
    }

    @Override
    public void resumed(long offset, long totalBytes) {
        bytes = offset;
        next.resumed(offset, totalBytes);
    }

    long bytes() {
        return bytes;
    }
}

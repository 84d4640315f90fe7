package io.glance.application;

import io.glance.ports.out.StagingArea;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * A web-download's staged data as it arrives, between the staging write (the import thread, as its {@link
 * StagingArea.Progress}) and a step reading it meanwhile. Bytes become readable only once the format inspection has
 * decided on the header, and so accepted it (a refusal fails the download): no step reads data the inspector has not
 * passed. The data is complete only when the download has ended and passed the checks of the data as a whole.
 */
final class ArrivingStaging implements StagingArea.Progress, ImportStep.Arriving {
    private final Consumer<Path> onStart;
    private BooleanSupplier inspected = () -> false;
    private Path file;
    private long readable;
    private boolean complete;
    private Throwable downloadFailure;
    private Throwable stepFailure;

    /** @param onStart told the file's name when the write begins (on the writing thread) */
    ArrivingStaging(Consumer<Path> onStart) {
        this.onStart = requireNonNull(onStart, "onStart is null");
    }

    /** Whether the format inspection has passed the header; asked on the writing thread after each write. */
    synchronized void inspectedBy(BooleanSupplier inspected) {
        this.inspected = requireNonNull(inspected, "inspected is null");
    }

    @Override
    public void started(URI reading) {
        Path started = Path.of(reading);
        synchronized (this) {
            file = started;
        }
        onStart.accept(started);
    }

    @Override
    public synchronized void written(long length) throws IOException {
        if (stepFailure != null) {
            throw new IOException("The download stopped: the import step reading it failed", stepFailure);
        }
        if (length > readable && inspected.getAsBoolean()) {
            readable = length;
            notifyAll();
        }
    }

    /** The download ended and its data passed every check: {@code length} bytes. */
    synchronized void completed(long length) {
        readable = length;
        complete = true;
        notifyAll();
    }

    /** The download failed: waits end with it. */
    synchronized void failed(Throwable failure) {
        downloadFailure = requireNonNull(failure, "failure is null");
        notifyAll();
    }

    /** The reading step failed: the write stops at its next buffer. */
    synchronized void stop(Throwable failure) {
        stepFailure = requireNonNull(failure, "failure is null");
    }

    synchronized boolean isComplete() {
        return complete;
    }

    @Override
    public synchronized Path file() {
        return file;
    }

    @Override
    public synchronized long awaitWritten(long length) throws IOException, InterruptedException {
        while (!complete && readable < length) {
            waitForMore();
        }
        return readable;
    }

    @Override
    public synchronized long awaitComplete() throws IOException, InterruptedException {
        while (!complete) {
            waitForMore();
        }
        return readable;
    }

    private void waitForMore() throws IOException, InterruptedException {
        if (downloadFailure != null) {
            throw new IOException("The download failed: " + downloadFailure.getMessage(), downloadFailure);
        }
        wait();
        if (downloadFailure != null && !complete) {
            throw new IOException("The download failed: " + downloadFailure.getMessage(), downloadFailure);
        }
    }
}

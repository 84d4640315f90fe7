package io.glance.application;

import io.glance.ports.out.StagingArea;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The first import step run beside a web-download instead of after it (it {@linkplain ImportStep#readsArrivingData
 * reads arriving data}): started on its own thread as soon as the staging write begins, while the import thread goes
 * on downloading. A failed download fails the step's waits; a failed step stops the download at its next buffer.
 * Either way the import thread waits for both to stop and fails with the first cause, so nothing reads or writes the
 * staged data while the import reverts.
 */
final class StepWhileArriving {
    private final ArrivingStaging arriving;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile boolean started;

    /**
     * @param contexts    the step's context over the arriving data
     * @param beforeStart told the arriving file's name on the writing thread, before the step starts
     */
    StepWhileArriving(ImportStep step, Function<ArrivingStaging, ImportStep.Context> contexts,
                      Consumer<Path> beforeStart, String threadName) {
        requireNonNull(step, "step is null");
        requireNonNull(contexts, "contexts is null");
        requireNonNull(beforeStart, "beforeStart is null");
        requireNonNull(threadName, "threadName is null");
        this.arriving = new ArrivingStaging(file -> {
            beforeStart.accept(file);
            started = true;
            Thread.ofPlatform().name(threadName).daemon(true).start(() -> run(step, contexts));
        });
    }

    private void run(ImportStep step, Function<ArrivingStaging, ImportStep.Context> contexts) {
        try {
            step.apply(contexts.apply(arriving));
            done.complete(null);
        } catch (Throwable failure) {
            arriving.stop(failure);
            done.completeExceptionally(failure);
        }
    }

    /** What the staging write reports to, once {@code inspected} (the format check's decision) is known. */
    StagingArea.Progress progress(BooleanSupplier inspected) {
        arriving.inspectedBy(inspected);
        return arriving;
    }

    /**
     * The download ended and its data passed the checks: waits for the step.
     *
     * @return whether the step ran (it starts with the staging write)
     * @throws Exception the step's failure
     */
    boolean downloaded(long length) throws Exception {
        arriving.completed(length);
        if (!started) {
            return false;
        }
        try {
            done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception exception) {
                throw exception;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
        return true;
    }

    /**
     * The download failed: waits for the step to stop (its waits fail now).
     *
     * @return the import's failure: the step's when it was what stopped the download, else the download's
     */
    Throwable downloadFailed(Throwable failure) throws InterruptedException {
        arriving.failed(failure);
        if (!started) {
            return failure;
        }
        try {
            done.get();
            return failure;
        } catch (ExecutionException e) {
            Throwable step = e.getCause();
            return stoppedTheDownload(failure, step) ? step : failure;
        }
    }

    /** Whether {@code download}'s failure is the stop that the step's failure caused. */
    private static boolean stoppedTheDownload(Throwable download, Throwable step) {
        for (Throwable cause = download; cause != null; cause = cause.getCause()) {
            if (cause == step) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}

package io.glance.application;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When the early flush of a file being written runs: one flush for the requests that pile up, none after close. */
class BackgroundFlushTest {
    /** Runs what it was given only when told to, so that the test decides when the flush thread runs. */
    private final Queue<Runnable> submitted = new ArrayDeque<>();
    private final Executor byHand = submitted::add;

    @TempDir
    Path dir;

    @Test
    void requestsWhileAFlushIsPendingShareIt() throws Exception {
        Path file = Files.write(dir.resolve("converted"), TestData.bytes(4096));
        try (BackgroundFlush flush = new BackgroundFlush(file, byHand)) {
            flush.request();
            flush.request();
            flush.request();
            assertThat(submitted).as("one flush for three windows announced before it ran").hasSize(1);

            submitted.remove().run();
            flush.request();
            assertThat(submitted).as("a window announced after the flush ended starts another").hasSize(1);
            submitted.remove().run();
        }
    }

    @Test
    void closedItFlushesNoMore() throws Exception {
        Path file = Files.write(dir.resolve("converted"), TestData.bytes(4096));
        BackgroundFlush flush = new BackgroundFlush(file, byHand);
        flush.request();
        flush.close();
        // The flush already handed to the executor may still run: it ends at once and closes the file.
        submitted.remove().run();

        flush.request();
        assertThat(submitted).isEmpty();
    }

    @Test
    void noThreadToFlushOnIsNoFailure() throws Exception {
        Path file = Files.write(dir.resolve("converted"), TestData.bytes(4096));
        try (BackgroundFlush flush = new BackgroundFlush(file, task -> {
            throw new RejectedExecutionException("shut down");
        })) {
            assertThatNoException().isThrownBy(flush::request);
        }
    }

    @Test
    void aMissingFileIsRefusedAtOnce() {
        assertThatThrownBy(() -> new BackgroundFlush(dir.resolve("missing"), byHand))
                .isInstanceOf(NoSuchFileException.class);
    }
}

package io.glance.application;

import io.glance.domain.Image;
import io.glance.ports.out.StagingArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A step beside the download, driven by hand as the staging write would: it sees only bytes the format check has
 * passed, the whole data only once the download ended, and a failure on either side ends both with the first cause.
 */
class StepWhileArrivingTest {
    @TempDir
    Path dir;

    @Test
    void theStepSeesBytesOnlyOnceInspectedAndTheWholeDataOnlyOnceDownloaded() throws Exception {
        CompletableFuture<Long> firstSeen = new CompletableFuture<>();
        CountDownLatch waiting = new CountDownLatch(1);
        long[] complete = {0};
        StepWhileArriving beside = new StepWhileArriving(step(arriving -> {
            waiting.countDown();
            firstSeen.complete(arriving.awaitWritten(100));
            complete[0] = arriving.awaitComplete();
        }), StepWhileArrivingTest::context, file -> { }, "test-step");
        boolean[] inspected = {false};
        StagingArea.Progress progress = beside.progress(() -> inspected[0]);

        progress.started(dir.resolve(".reading.partial").toUri());
        waiting.await();
        progress.written(4096);
        assertThat(firstSeen).isNotDone();
        inspected[0] = true;
        progress.written(8192);
        assertThat(firstSeen.get()).isEqualTo(8192);

        assertThat(beside.downloaded(10_000)).isTrue();
        assertThat(complete[0]).isEqualTo(10_000);
    }

    @Test
    void aFailedStepStopsTheDownloadAndIsTheImportsCause() throws Exception {
        IllegalArgumentException refused = new IllegalArgumentException("qemu-img info refused the image");
        CountDownLatch failed = new CountDownLatch(1);
        StepWhileArriving beside = new StepWhileArriving(step(arriving -> {
            failed.countDown();
            throw refused;
        }), StepWhileArrivingTest::context, file -> { }, "test-step");
        StagingArea.Progress progress = beside.progress(() -> true);
        progress.started(dir.resolve(".reading.partial").toUri());
        failed.await();

        // The step thread records its failure just after the latch; the writes go on until they see it (bounded
        // only so that a broken stop ends the test: 2 minutes of 10 ms pauses, far beyond a loaded machine's delay).
        Throwable stopped = null;
        for (int attempt = 0; attempt < 12_000 && stopped == null; attempt++) {
            try {
                progress.written(4096L * (attempt + 1));
                Thread.sleep(10);
            } catch (IOException e) {
                stopped = e;
            }
        }

        assertThat(stopped).hasMessageContaining("the import step reading it failed").hasCause(refused);
        assertThat(beside.downloadFailed(stopped)).isSameAs(refused);
    }

    @Test
    void aFailedDownloadEndsTheStepsWaitAndIsTheImportsCause() throws Exception {
        CompletableFuture<Throwable> stepSaw = new CompletableFuture<>();
        StepWhileArriving beside = new StepWhileArriving(step(arriving -> {
            try {
                arriving.awaitComplete();
            } catch (IOException e) {
                stepSaw.complete(e);
                throw e;
            }
        }), StepWhileArrivingTest::context, file -> { }, "test-step");
        beside.progress(() -> true).started(dir.resolve(".reading.partial").toUri());
        IOException cut = new IOException("the server closed the connection after 5 of 10 bytes");

        assertThat(beside.downloadFailed(cut)).isSameAs(cut);
        assertThat(stepSaw.get()).hasMessage("The download failed: " + cut.getMessage()).hasCause(cut);
    }

    @Test
    void withoutAStartedWriteNothingRan() throws Exception {
        StepWhileArriving beside = new StepWhileArriving(step(arriving -> {
            throw new AssertionError("not started");
        }), StepWhileArrivingTest::context, file -> { }, "test-step");
        IOException refused = new IOException("connection refused");

        assertThat(beside.downloadFailed(refused)).isSameAs(refused);
    }

    private interface Body {
        void run(ImportStep.Arriving arriving) throws Exception;
    }

    private static ImportStep step(Body body) {
        return new ImportStep() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public void apply(Context context) throws Exception {
                body.run(context.arriving());
            }
        };
    }

    private static ImportStep.Context context(ArrivingStaging arriving) {
        return new ImportStep.Context() {
            @Override
            public Image image() {
                throw new AssertionError("not asked");
            }

            @Override
            public String method() {
                return "web-download";
            }

            @Override
            public ImportStep.Arriving arriving() {
                return arriving;
            }

            @Override
            public URI stagedData() {
                throw new AssertionError("not asked");
            }

            @Override
            public void replaceStagedData(URI newData) {
                throw new AssertionError("not asked");
            }

            @Override
            public void updateImage(UnaryOperator<Image> change) {
                throw new AssertionError("not asked");
            }
        };
    }
}

package io.glance.adapters.importing;

import io.glance.importing.spi.ArrivingStagedData;
import io.glance.testing.images.QemuImg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Conversion to raw window by window, with the real qemu-img, on small windows so that there are several. */
class RawWindowsTest {
    private static final long WINDOW = 1 << 20;
    private static final QemuImgProcess QEMU_IMG = new QemuImgProcess("qemu-img", Duration.ofSeconds(60), 2L << 30);

    @TempDir
    Path dir;

    @Test
    void windowByWindowTheRawFileIsIdenticalToTheSourceAndEachFinishedWindowIsAnnounced() throws Exception {
        // 3.5 windows: the last one is short, and a hole in the middle stays zeros.
        long virtual = 3 * WINDOW + WINDOW / 2;
        Path raw = dir.resolve("source.raw");
        try (RandomAccessFile file = new RandomAccessFile(raw.toFile(), "rw")) {
            file.setLength(virtual);
            Random random = new Random(7);
            byte[] chunk = new byte[200_000];
            for (long at : List.of(0L, WINDOW - 1000, 3 * WINDOW + 100)) {
                random.nextBytes(chunk);
                file.seek(at);
                file.write(chunk, 0, (int) Math.min(chunk.length, virtual - at));
            }
        }
        Path staged = QemuImg.convert(raw, "raw", Files.createDirectories(dir.resolve("staging, with a comma"))
                .resolve("image"), "qcow2");
        StagedImport context = new StagedImport(staged, "qcow2", 1L << 40, Set.of());
        Path converted = staged.resolveSibling("image.raw");

        RawWindows.convert(context, "qcow2", converted, virtual, WINDOW, QEMU_IMG);

        assertThat(context.announced).containsExactly("image.raw " + WINDOW, "image.raw " + 2 * WINDOW,
                "image.raw " + 3 * WINDOW, "image.raw " + virtual);
        assertThat(Files.mismatch(converted, raw)).isEqualTo(-1);
        assertThat(QemuImg.run(List.of("qemu-img", "compare", "-f", "raw", "-F", "qcow2", converted.toString(),
                staged.toString()))).contains("Images are identical");
    }

    @Test
    void windowsOfAnArrivingQcow2StartWithTheBytesTheyNeedAndComeOutIdentical() throws Exception {
        // Data in every window but the second: the file grows only as far as the conversion asks (the rest of it
        // is not there at all, so a window that started too early would read zeros and differ from the source).
        long virtual = 4 * WINDOW;
        byte[] source = new byte[(int) virtual];
        Random random = new Random(11);
        for (long at : List.of(0L, 2 * WINDOW + 5000, 3 * WINDOW + 70_000)) {
            byte[] chunk = new byte[300_000];
            random.nextBytes(chunk);
            System.arraycopy(chunk, 0, source, (int) at, chunk.length);
        }
        Path raw = Files.write(dir.resolve("source.raw"), source);
        Path qcow2 = QemuImg.convert(raw, "raw", dir.resolve("source.qcow2"), "qcow2");
        Path staged = Files.createDirectories(dir.resolve("staging")).resolve("image");
        DeliveredOnDemand arriving = new DeliveredOnDemand(qcow2, staged);
        List<String> deliveredAtEachWindow = new ArrayList<>();
        StagedImport context = new StagedImport(staged, "qcow2", 1L << 40, Set.of()) {
            @Override
            public void writtenUpTo(Path newData, long length) throws IOException {
                super.writtenUpTo(newData, length);
                deliveredAtEachWindow.add(Long.toString(arriving.delivered()));
            }
        };
        Path converted = staged.resolveSibling("image.raw");

        try (ArrivingQcow2 windows = ArrivingQcow2.open(arriving)) {
            RawWindows.convert(context, "qcow2", windows, converted, virtual, WINDOW, QEMU_IMG);
        }

        assertThat(Files.mismatch(converted, raw)).isEqualTo(-1);
        long whole = Files.size(qcow2);
        assertThat(deliveredAtEachWindow).hasSize(4);
        // The first three windows were converted from part of the file; only the last one needed all of it.
        assertThat(deliveredAtEachWindow.subList(0, 3)).allMatch(delivered -> Long.parseLong(delivered) < whole);
        assertThat(deliveredAtEachWindow.get(3)).isEqualTo(Long.toString(whole));
        assertThat(arriving.completeAsked).isFalse();
    }

    @Test
    void aCompressedQcow2ArrivingIsConvertedOnlyOnceComplete() throws Exception {
        byte[] source = new byte[(int) (2 * WINDOW)];
        new Random(5).nextBytes(source);
        java.util.Arrays.fill(source, 0, 100_000, (byte) 0);
        Path raw = Files.write(dir.resolve("source.raw"), source);
        Path qcow2 = QemuImg.convert(raw, "raw", dir.resolve("source.qcow2"), "qcow2", "-c");
        Path staged = Files.createDirectories(dir.resolve("staging")).resolve("image");
        DeliveredOnDemand arriving = new DeliveredOnDemand(qcow2, staged);
        StagedImport context = new StagedImport(staged, "qcow2", 1L << 40, Set.of());
        Path converted = staged.resolveSibling("image.raw");

        try (ArrivingQcow2 windows = ArrivingQcow2.open(arriving)) {
            RawWindows.convert(context, "qcow2", windows, converted, 2 * WINDOW, WINDOW, QEMU_IMG);
        }

        assertThat(arriving.completeAsked).isTrue();
        assertThat(Files.mismatch(converted, raw)).isEqualTo(-1);
    }

    /** A download that writes exactly as far as it is asked to, when it is asked. */
    private static final class DeliveredOnDemand implements ArrivingStagedData {
        private final byte[] whole;
        private final Path file;
        private long delivered;
        boolean completeAsked;

        DeliveredOnDemand(Path source, Path file) throws IOException {
            this.whole = Files.readAllBytes(source);
            this.file = Files.write(file, new byte[0]);
        }

        synchronized long delivered() {
            return delivered;
        }

        @Override
        public Path file() {
            return file;
        }

        @Override
        public synchronized long awaitWritten(long length) throws IOException {
            long upTo = Math.min(length, whole.length);
            if (upTo > delivered) {
                try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
                    out.seek(delivered);
                    out.write(whole, (int) delivered, (int) (upTo - delivered));
                }
                delivered = upTo;
            }
            return delivered;
        }

        @Override
        public synchronized long awaitComplete() throws IOException {
            completeAsked = true;
            return awaitWritten(whole.length);
        }
    }

    @Test
    void theCpuTimeLimitCoversAllWindowsTogether() throws Exception {
        // A stand-in for qemu-img that uses 0.7 s of CPU per window: under a limit of 1 s the first window leaves
        // less than a second (at most the last 100 ms of it go unseen), so the second one is not started.
        Path fake = dir.resolve("busy-qemu-img");
        Files.writeString(fake, "#!/usr/bin/python3\nimport time\nwhile time.process_time() < 0.7:\n    pass\n");
        fake.toFile().setExecutable(true);
        Path staged = QemuImg.create(Files.createDirectories(dir.resolve("staging")).resolve("image"), "qcow2", "3M");
        StagedImport context = new StagedImport(staged, "qcow2", 1L << 40, Set.of());
        QemuImgProcess busy = new QemuImgProcess(fake.toString(), Duration.ofSeconds(1), 2L << 30);

        assertThatThrownBy(() -> RawWindows.convert(context, "qcow2", staged.resolveSibling("image.raw"), 3 * WINDOW,
                WINDOW, busy)).isInstanceOf(QemuImgException.class)
                .hasMessage("qemu-img convert used up its CPU time limit of 1 s after 1048576 of 3145728 bytes");
        assertThat(context.announced).containsExactly("image.raw " + WINDOW);
    }

    @Test
    void aVirtualSizeAboveTheCapIsRefusedBeforeAnyConversion() throws IOException {
        Path staged = QemuImg.create(Files.createDirectories(dir.resolve("staging")).resolve("image"), "qcow2", "8M");
        StagedImport context = new StagedImport(staged, "qcow2", 4 << 20, Set.of());
        Path converted = staged.resolveSibling("image.raw");

        assertThatThrownBy(() -> RawWindows.convert(context, "qcow2", converted, 8 << 20, WINDOW, QEMU_IMG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(8388608 bytes) exceeds the image_size_cap of 4194304 bytes");
        assertThat(converted).doesNotExist();
        assertThat(context.announced).isEmpty();
    }
}

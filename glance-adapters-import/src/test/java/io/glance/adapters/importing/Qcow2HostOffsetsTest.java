package io.glance.adapters.importing;

import io.glance.testing.images.QemuImg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The window/offset map on qcow2 files made by qemu-img: the prefix of the file it names is enough for qemu-img to
 * convert the window exactly (and a little less is not), and layouts it cannot vouch for are doubts.
 */
class Qcow2HostOffsetsTest {
    private static final int WINDOW = 1 << 20;
    private static final int WINDOWS = 4;

    @TempDir
    Path dir;

    @Test
    void theFilePrefixNamedForEachWindowConvertsThatWindowExactlyAndLessDoesNot() throws Exception {
        // Data in windows 0 and 2 (window 2's reaching into 3), window 1 and most of 3 holes.
        byte[] source = new byte[WINDOWS * WINDOW];
        Random random = new Random(12);
        fill(random, source, 0, WINDOW);
        fill(random, source, 2 * WINDOW + 4096, WINDOW + 100_000);
        Path raw = Files.write(dir.resolve("source.raw"), source);
        Path qcow2 = QemuImg.convert(raw, "raw", dir.resolve("image.qcow2"), "qcow2");
        long fileSize = Files.size(qcow2);
        List<Long> asked = new ArrayList<>();

        List<Long> needed = new ArrayList<>();
        try (FileChannel file = FileChannel.open(qcow2)) {
            Qcow2HostOffsets map = Qcow2HostOffsets.open(file, length -> {
                asked.add(length);
                return fileSize;
            });
            assertThat(map.virtualSize()).isEqualTo(source.length);
            assertThat(asked).allMatch(length -> length <= map.metadataEnd());
            for (int window = 0; window < WINDOWS; window++) {
                needed.add(map.needed((long) window * WINDOW, WINDOW));
            }
        }

        // qemu-img wrote the header, the tables and then the data in order: the hole (window 1) needs only the
        // tables, each window with data up to its last cluster, and only the last one the whole file.
        assertThat(needed.get(1)).isLessThan(needed.get(0));
        assertThat(needed.get(0)).isLessThan(needed.get(2));
        assertThat(needed.get(2)).isLessThan(needed.get(3));
        assertThat(needed.get(3)).isEqualTo(fileSize);
        for (int window = 0; window < WINDOWS; window++) {
            byte[] converted = convertPrefix(qcow2, needed.get(window));
            assertThat(Arrays.equals(converted, window * WINDOW, (window + 1) * WINDOW, source, window * WINDOW,
                    (window + 1) * WINDOW)).as("window %d from the first %d bytes", window, needed.get(window))
                    .isTrue();
        }
        // One sector less, and window 0's last data cluster reads partly as zeros.
        byte[] short0 = convertPrefix(qcow2, needed.get(0) - 512);
        assertThat(Arrays.equals(short0, 0, WINDOW, source, 0, WINDOW)).isFalse();
    }

    @Test
    void tablesAreReadOnlyOnceTheyHaveArrived() throws Exception {
        byte[] source = new byte[WINDOWS * WINDOW];
        fill(new Random(3), source, 0, source.length);
        Path qcow2 = QemuImg.convert(Files.write(dir.resolve("source.raw"), source), "raw", dir.resolve("image.qcow2"),
                "qcow2");
        try (FileChannel file = FileChannel.open(qcow2)) {
            // The download stopped short of the header cluster: the file ends there, which is a doubt, not zeros.
            assertThatThrownBy(() -> Qcow2HostOffsets.open(file, length -> Math.min(length, 4096)))
                    .isInstanceOf(Qcow2HostOffsets.Doubt.class).hasMessageContaining("the file ends");
            Qcow2HostOffsets map = Qcow2HostOffsets.open(file, length -> Files.size(qcow2));
            long end = map.metadataEnd();
            Qcow2HostOffsets shortOfL2 = Qcow2HostOffsets.open(file, length -> Math.min(length, end));
            assertThatThrownBy(() -> shortOfL2.needed(0, WINDOW)).isInstanceOf(Qcow2HostOffsets.Doubt.class)
                    .hasMessageContaining("the file ends at a table");
        }
    }

    @Test
    void compressedClustersAreADoubt() throws Exception {
        byte[] source = new byte[WINDOWS * WINDOW];
        Arrays.fill(source, 0, WINDOW, (byte) 'a');
        Path qcow2 = QemuImg.convert(Files.write(dir.resolve("source.raw"), source), "raw", dir.resolve("image.qcow2"),
                "qcow2", "-c");

        try (FileChannel file = FileChannel.open(qcow2)) {
            Qcow2HostOffsets map = Qcow2HostOffsets.open(file, length -> Files.size(qcow2));
            assertThatThrownBy(() -> map.needed(0, WINDOW)).isInstanceOf(Qcow2HostOffsets.Doubt.class)
                    .hasMessage("compressed clusters");
        }
    }

    @Test
    void aBackingFileAnExternalDataFileAndSnapshotsAreDoubtsAtOpen() throws Exception {
        Path base = QemuImg.create(dir.resolve("base.qcow2"), "qcow2", "4M");
        Path overlay = QemuImg.create(dir.resolve("overlay.qcow2"), "qcow2", "4M", "-b", base.toString(), "-F",
                "qcow2");
        Path external = QemuImg.create(dir.resolve("external.qcow2"), "qcow2", "4M", "-o",
                "data_file=" + dir.resolve("external.data"));
        Path snapshotted = QemuImg.create(dir.resolve("snapshotted.qcow2"), "qcow2", "4M");
        QemuImg.run(List.of("qemu-img", "snapshot", "-c", "one", snapshotted.toString()));

        assertThat(doubtAtOpen(overlay)).isEqualTo("a backing file");
        assertThat(doubtAtOpen(external)).isEqualTo("incompatible or autoclear feature bits");
        assertThat(doubtAtOpen(snapshotted)).isEqualTo("snapshots");
    }

    private static String doubtAtOpen(Path qcow2) throws Exception {
        try (FileChannel file = FileChannel.open(qcow2)) {
            Qcow2HostOffsets.open(file, length -> Files.size(qcow2));
            throw new AssertionError(qcow2 + " was mapped");
        } catch (Qcow2HostOffsets.Doubt doubt) {
            return doubt.getMessage();
        }
    }

    /** qemu-img's raw conversion of the first {@code length} bytes of {@code qcow2} (it reads zeros beyond them). */
    private byte[] convertPrefix(Path qcow2, long length) throws IOException {
        Path prefix = dir.resolve("prefix.qcow2");
        Files.copy(qcow2, prefix, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (RandomAccessFile file = new RandomAccessFile(prefix.toFile(), "rw")) {
            file.setLength(length);
        }
        Path raw = dir.resolve("prefix.raw");
        Files.deleteIfExists(raw);
        return Files.readAllBytes(QemuImg.convert(prefix, "qcow2", raw, "raw"));
    }

    private static void fill(Random random, byte[] bytes, int from, int length) {
        byte[] chunk = new byte[length];
        random.nextBytes(chunk);
        System.arraycopy(chunk, 0, bytes, from, length);
    }
}

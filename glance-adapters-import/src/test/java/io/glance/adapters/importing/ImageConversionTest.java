package io.glance.adapters.importing;

import io.glance.importing.spi.ImportPlugin;
import io.glance.testing.images.QemuImg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** image_conversion with the real qemu-img under prlimit, on images qemu-img made in the test. */
class ImageConversionTest {
    private static final long CAP = 1L << 40;

    @TempDir
    Path dir;

    @Test
    void qcow2ImportedWithOutputRawBecomesRawAndQemuImgComparesIdentical() throws Exception {
        Path source = qcow2WithData("source.qcow2");
        Path staged = Files.copy(source, Files.createDirectories(dir.resolve("staging")).resolve("image"));
        StagedImport context = new StagedImport(staged, "qcow2", CAP, Set.of());

        plugin(Map.of("output_format", "raw")).apply(context);

        assertThat(context.attributes).containsEntry("disk_format", "raw").containsEntry("container_format", "bare")
                .containsEntry("virtual_size", Long.toString(QemuImg.virtualSize(source, "qcow2")));
        assertThat(QemuImg.virtualSize(staged, "raw")).isEqualTo(QemuImg.virtualSize(source, "qcow2"));
        assertThat(QemuImg.run(List.of("qemu-img", "compare", "-f", "raw", "-F", "qcow2", staged.toString(),
                source.toString()))).contains("Images are identical");
        assertThat(filesIn(staged.getParent())).containsExactly("image");
        assertThat(context.announced).as("the whole raw file, announced once its only window was converted")
                .containsExactly("image.raw " + QemuImg.virtualSize(source, "qcow2"));
    }

    @Test
    void rawConvertedToVmdkIsStreamOptimized() throws Exception {
        Path raw = rawWithData(dir.resolve("staging-raw"), "image", 4 << 20);
        Path original = Files.copy(raw, dir.resolve("original.raw"));
        StagedImport context = new StagedImport(raw, "raw", CAP, Set.of());

        plugin(Map.of("output_format", "vmdk")).apply(context);

        assertThat(context.attributes).containsEntry("disk_format", "vmdk");
        assertThat(QemuImg.run(List.of("qemu-img", "info", "--output=json", raw.toString())))
                .contains("\"create-type\": \"streamOptimized\"");
        assertThat(QemuImg.run(List.of("qemu-img", "compare", "-f", "vmdk", "-F", "raw", raw.toString(),
                original.toString()))).contains("Images are identical");
    }

    @Test
    void dataAlreadyInTheOutputFormatIsLeftAloneAndGetsItsVirtualSize() throws Exception {
        Path raw = rawWithData(dir.resolve("staging"), "image", 1 << 20);
        String before = md5(raw);
        StagedImport context = new StagedImport(raw, "raw", CAP, Set.of());
        plugin(Map.of()).apply(context);
        assertThat(md5(raw)).isEqualTo(before);
        assertThat(context.attributes).containsEntry("disk_format", "raw").containsEntry("virtual_size",
                Long.toString(1 << 20));
    }

    @Test
    void aConversionKilledByItsCpuLimitFailsAndLeavesTheStagedDataAsItWas() throws Exception {
        // Deflating 96 MiB of 16-letter text into a streamOptimized VMDK takes about 3 s of CPU (measured: 2 s for
        // 64 MiB), three times the limit; incompressible data would be too quick to be sure.
        Path raw = lowEntropy(dir.resolve("staging"), "image", 96 << 20);
        String before = md5(raw);
        StagedImport context = new StagedImport(raw, "raw", CAP, Set.of());
        ImportPlugin limited = plugin(Map.of("output_format", "vmdk", "cpu_time_limit", "1"));

        assertThatThrownBy(() -> limited.apply(context)).isInstanceOf(QemuImgException.class)
                .hasMessageContaining("qemu-img convert was killed by its limits (CPU time 1 s");
        assertThat(md5(raw)).isEqualTo(before);
        assertThat(context.attributes).containsEntry("disk_format", "raw").doesNotContainKey("virtual_size");
        assertThat(filesIn(raw.getParent())).containsExactly("image");
    }

    @Test
    void qemuImgInfoRefusesABackingFile() throws Exception {
        Path staged = QemuImg.create(Files.createDirectories(dir.resolve("staging")).resolve("image"), "qcow2", "1M",
                "-b", "/etc/passwd", "-F", "raw");
        StagedImport context = new StagedImport(staged, "qcow2", CAP, Set.of());
        assertThatThrownBy(() -> plugin(Map.of()).apply(context)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("backing file (/etc/passwd)");
        assertThat(context.attributes).containsEntry("disk_format", "qcow2");
    }

    @Test
    void dataThatIsNotTheClaimedFormatIsRefused() throws Exception {
        Path raw = rawWithData(dir.resolve("staging"), "image", 1 << 20);
        StagedImport context = new StagedImport(raw, "qcow2", CAP, Set.of());
        assertThatThrownBy(() -> plugin(Map.of()).apply(context)).isInstanceOf(QemuImgException.class)
                .hasMessageContaining("qemu-img info failed");
    }

    @Test
    void aFormatQemuImgMayNotReadHereIsRefused() throws Exception {
        Path raw = rawWithData(dir.resolve("staging"), "image", 64 << 10);
        StagedImport context = new StagedImport(raw, "iso", CAP, Set.of());
        assertThatThrownBy(() -> plugin(Map.of()).apply(context)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unable to convert from format iso to raw");
    }

    @Test
    void anUnknownOptionOrOutputFormatIsRefusedAtStart() {
        assertThatThrownBy(() -> plugin(Map.of("outptu_format", "raw"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no option outptu_format");
        assertThatThrownBy(() -> plugin(Map.of("output_format", "vhd"))).hasMessageContaining("vhd");
    }

    private static ImportPlugin plugin(Map<String, String> config) {
        return new ImageConversion().create(config);
    }

    /** A qcow2 holding random data at a few places, so that a faulty conversion would show in qemu-img compare. */
    private Path qcow2WithData(String name) throws IOException {
        Path raw = rawWithData(dir, name + ".raw", 8 << 20);
        return QemuImg.convert(raw, "raw", dir.resolve(name), "qcow2");
    }

    private static Path rawWithData(Path folder, String name, int size) throws IOException {
        Path file = Files.createDirectories(folder).resolve(name);
        Random random = new Random(size);
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(size);
            byte[] chunk = new byte[64 * 1024];
            for (long at = 0; at < size; at += size > (8 << 20) ? chunk.length : 3L * chunk.length) {
                random.nextBytes(chunk);
                out.seek(at);
                out.write(chunk, 0, (int) Math.min(chunk.length, size - at));
            }
        }
        return file;
    }

    private static Path lowEntropy(Path folder, String name, int size) throws IOException {
        Path file = Files.createDirectories(folder).resolve(name);
        Random random = new Random(5);
        byte[] chunk = new byte[1 << 20];
        try (var out = Files.newOutputStream(file)) {
            for (int written = 0; written < size; written += chunk.length) {
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = (byte) ('a' + random.nextInt(16));
                }
                out.write(chunk);
            }
        }
        return file;
    }

    private static String md5(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
    }

    private static List<String> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}

package io.glance.adapters.importing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageDecompressionTest {
    @TempDir
    Path dir;

    private final byte[] data = random(300_000);

    @Test
    void gzipIsReplacedByItsContent() throws Exception {
        Path staged = dir.resolve("image");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(staged))) {
            out.write(data);
        }
        new ImageDecompression().create(Map.of()).apply(new StagedImport(staged, "raw", 1L << 30, Set.of()));
        assertThat(Files.readAllBytes(staged)).isEqualTo(data);
        assertThat(Files.list(dir).count()).isEqualTo(1);
    }

    @Test
    void aZipOfOneMemberIsReplacedByIt() throws Exception {
        Path staged = zip("disk.raw");
        new ImageDecompression().create(Map.of()).apply(new StagedImport(staged, "raw", 1L << 30, Set.of()));
        assertThat(Files.readAllBytes(staged)).isEqualTo(data);
    }

    @Test
    void aZipOfTwoMembersIsRefused() throws Exception {
        Path staged = zip("a", "b");
        byte[] before = Files.readAllBytes(staged);
        assertThatThrownBy(() -> new ImageDecompression().create(Map.of())
                .apply(new StagedImport(staged, "raw", 1L << 30, Set.of())))
                .hasMessageContaining("more than one member (a, b)");
        assertThat(Files.readAllBytes(staged)).isEqualTo(before);
        assertThat(Files.list(dir).count()).isEqualTo(1);
    }

    @Test
    void outputAboveTheSizeCapIsRefused() throws Exception {
        Path staged = dir.resolve("image");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(staged))) {
            out.write(new byte[4 << 20]);
        }
        assertThatThrownBy(() -> new ImageDecompression().create(Map.of())
                .apply(new StagedImport(staged, "raw", 1 << 20, Set.of())))
                .hasMessageContaining("exceeds the image_size_cap of 1048576 bytes");
        assertThat(Files.list(dir).count()).isEqualTo(1);
    }

    @Test
    void uncompressedDataAndCompressedContainersAreLeftAlone() throws Exception {
        Path staged = Files.write(dir.resolve("image"), data);
        new ImageDecompression().create(Map.of()).apply(new StagedImport(staged, "raw", 1L << 30, Set.of()));
        assertThat(Files.readAllBytes(staged)).isEqualTo(data);
        Path zipped = zip("x");
        byte[] before = Files.readAllBytes(zipped);
        StagedImport compressed = new StagedImport(zipped, "raw", 1L << 30, Set.of());
        compressed.attributes.put("container_format", "compressed");
        new ImageDecompression().create(Map.of()).apply(compressed);
        assertThat(Files.readAllBytes(zipped)).isEqualTo(before);
    }

    private Path zip(String... members) throws IOException {
        Path staged = dir.resolve("image");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(staged))) {
            for (String member : members) {
                out.putNextEntry(new ZipEntry(member));
                out.write(data);
                out.closeEntry();
            }
        }
        return staged;
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(3).nextBytes(bytes);
        return bytes;
    }
}

package io.glance.testing.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The hostile-image table every ingest path must refuse, each sample made by qemu-img (or from the format's
 * specification) at test time: the classes of image the 2022 and 2024 Glance advisories are about, and data that is
 * not what its {@code disk_format} claims.
 */
public final class HostileImages {

    /**
     * One sample.
     *
     * @param name       what it is, for test names
     * @param file       its bytes
     * @param diskFormat the {@code disk_format} it is uploaded as
     * @param reason     a fragment of the 400's message that names why it is refused
     */
    public record Sample(String name, Path file, String diskFormat, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    private HostileImages() {
    }

    /** Writes every sample into {@code dir}. */
    public static List<Sample> all(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path backed = QemuImg.create(dir.resolve("backing-passwd.qcow2"), "qcow2", "1M", "-b", "/etc/passwd",
                "-F", "raw");
        Path data = QemuImg.create(dir.resolve("data.raw"), "raw", "1M");
        Path external = QemuImg.create(dir.resolve("external-data.qcow2"), "qcow2", "1M", "-o",
                "data_file=" + data);
        Path flat = QemuImg.create(dir.resolve("flat.vmdk"), "vmdk", "1M", "-o", "subformat=monolithicFlat");
        String descriptor = Files.readString(flat, StandardCharsets.US_ASCII)
                .replaceAll("\"flat-flat\\.vmdk\"", "\"/etc/passwd\"");
        Path outside = Files.writeString(dir.resolve("extent-outside.vmdk"), descriptor, StandardCharsets.US_ASCII);
        Path qcow2 = QemuImg.create(dir.resolve("plain.qcow2"), "qcow2", "1M");
        Path truncated = Files.write(dir.resolve("truncated.qcow2"),
                Arrays.copyOf(Files.readAllBytes(qcow2), 64));
        Path iso = SampleImages.iso(dir.resolve("cd.iso"), 40);
        return List.of(
                new Sample("qcow2 with backing file /etc/passwd", backed, "qcow2", "backing file (/etc/passwd)"),
                new Sample("qcow2 with an external data file", external, "qcow2", "external data file"),
                new Sample("vmdk descriptor with a flat extent outside", outside, "vmdk",
                        "vmdk extent refers to a path outside the image"),
                new Sample("qcow2 uploaded as raw", qcow2, "raw", "Image data is qcow2, but disk_format is raw"),
                new Sample("truncated qcow2 header", truncated, "qcow2", "the data ends after 64 bytes"),
                new Sample("iso claimed as qcow2", iso, "qcow2", "Image data is iso, but disk_format is qcow2"));
    }
}

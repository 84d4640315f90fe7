package io.glance.application.inspection;

import io.glance.domain.InvalidInputException;
import io.glance.testing.images.QemuImg;
import io.glance.testing.images.SampleImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every format from bytes the real qemu-img wrote, fed in chunks of several sizes as a stream would be. */
class StreamingFormatCheckTest {
    private static final FormatInspectionSettings DEFAULTS = FormatInspectionSettings.defaults();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {7, 4096, 1 << 20})
    void qemuImgFormatsAreRecognisedWithTheirVirtualSize(int chunk) throws IOException {
        for (String[] sample : new String[][]{{"qcow2", "qcow2"}, {"vpc", "vhd"}, {"vhdx", "vhdx"},
                {"vmdk", "vmdk"}, {"vdi", "vdi"}}) {
            Path image = QemuImg.create(dir.resolve(sample[1] + chunk), sample[0], "10M");
            long expected = QemuImg.virtualSize(image, sample[0]);
            assertThat(stream(image, sample[1], chunk)).as(sample[1]).isEqualTo(expected);
        }
    }

    @Test
    void streamOptimizedVmdkIsAccepted() throws IOException {
        Path raw = QemuImg.create(dir.resolve("disk.raw"), "raw", "3M");
        Path vmdk = QemuImg.convert(raw, "raw", dir.resolve("disk.vmdk"), "vmdk", "-o", "subformat=streamOptimized");
        assertThat(stream(vmdk, "vmdk", 4096)).isEqualTo(3L << 20);
    }

    @Test
    void rawDataIsRawAndItsSizeIsItsVirtualSize() throws IOException {
        Path raw = QemuImg.create(dir.resolve("disk.raw"), "raw", "1M");
        assertThat(stream(raw, "raw", 4096)).isEqualTo(1L << 20);
        assertThat(stream(raw, "ami", 4096)).isEqualTo(1L << 20);
    }

    @Test
    void aPartitionedDiskIsRaw() throws IOException {
        Path disk = SampleImages.mbrDisk(dir.resolve("disk.img"), 4096);
        assertThat(stream(disk, "raw", 4096)).isEqualTo(4096L * 512);
    }

    @Test
    void isoIsRecognisedAndItsVolumeSizeIsItsVirtualSize() throws IOException {
        Path iso = SampleImages.iso(dir.resolve("cd.iso"), 40);
        assertThat(stream(iso, "iso", 4096)).isEqualTo(40L * 2048);
    }

    @Test
    void qcow2ClaimedAsRawIsRefusedNamingTheFormatFound() throws IOException {
        Path qcow2 = QemuImg.create(dir.resolve("disk.qcow2"), "qcow2", "10M");
        assertThatThrownBy(() -> stream(qcow2, "raw", 4096)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Image data is qcow2, but disk_format is raw");
    }

    @Test
    void theRefusalComesBeforeTheDataEnds() throws IOException {
        Path qcow2 = QemuImg.create(dir.resolve("disk.qcow2"), "qcow2", "10M");
        byte[] bytes = Files.readAllBytes(qcow2);
        StreamingFormatCheck check = DEFAULTS.checkFor("raw", "bare");
        assertThatThrownBy(() -> check.feed(bytes, 0, 64 * 1024)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("qcow2");
    }

    @Test
    void aMismatchPassesWithoutRequireImageFormatMatchButGivesNoVirtualSize() throws IOException {
        Path qcow2 = QemuImg.create(dir.resolve("disk.qcow2"), "qcow2", "10M");
        FormatInspectionSettings lenient = new FormatInspectionSettings(false, DEFAULTS.vmdkAllowedTypes(),
                DEFAULTS.gptSafetyChecksNonfatal());
        assertThat(stream(lenient, qcow2, "raw", "bare", 4096)).isNull();
    }

    @Test
    void qcow2WithABackingFileIsRefusedEvenWhenClaimedAsQcow2() throws IOException {
        Path qcow2 = QemuImg.create(dir.resolve("backed.qcow2"), "qcow2", "1M", "-b", "/etc/passwd", "-F", "raw");
        assertThatThrownBy(() -> stream(qcow2, "qcow2", 4096)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed safety checks").hasMessageContaining("backing file (/etc/passwd)");
    }

    @Test
    void qcow2WithAnExternalDataFileIsRefused() throws IOException {
        Path data = QemuImg.create(dir.resolve("data.raw"), "raw", "1M");
        Path qcow2 = QemuImg.create(dir.resolve("external.qcow2"), "qcow2", "1M", "-o", "data_file=" + data);
        assertThatThrownBy(() -> stream(qcow2, "qcow2", 4096)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("external data file");
    }

    @Test
    void qcow2WithUnknownIncompatibleFeaturesIsRefused() throws IOException {
        byte[] bytes = Files.readAllBytes(QemuImg.create(dir.resolve("disk.qcow2"), "qcow2", "1M"));
        bytes[79] |= 0x20; // incompatible feature bit 5: not defined
        Path patched = Files.write(dir.resolve("patched.qcow2"), bytes);
        assertThatThrownBy(() -> stream(patched, "qcow2", 4096)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown incompatible features 0x20");
    }

    @Test
    void aTruncatedQcow2HeaderIsRefused() throws IOException {
        byte[] bytes = Files.readAllBytes(QemuImg.create(dir.resolve("disk.qcow2"), "qcow2", "1M"));
        Path truncated = Files.write(dir.resolve("truncated.qcow2"), Arrays.copyOf(bytes, 64));
        assertThatThrownBy(() -> stream(truncated, "qcow2", 4096)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a valid qcow2 image: the data ends after 64 bytes");
    }

    @Test
    void anIsoClaimedAsQcow2IsRefused() throws IOException {
        Path iso = SampleImages.iso(dir.resolve("cd.iso"), 40);
        assertThatThrownBy(() -> stream(iso, "qcow2", 4096)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Image data is iso, but disk_format is qcow2");
    }

    @Test
    void aVmdkDescriptorWithAFlatExtentOutsideTheImageIsRefused() throws IOException {
        Path descriptor = QemuImg.create(dir.resolve("flat.vmdk"), "vmdk", "1M", "-o", "subformat=monolithicFlat");
        String text = Files.readString(descriptor, StandardCharsets.US_ASCII)
                .replaceAll("\"flat-flat\\.vmdk\"", "\"/etc/passwd\"");
        assertThat(text).contains("/etc/passwd");
        Path hostile = Files.writeString(dir.resolve("hostile.vmdk"), text, StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> stream(hostile, "vmdk", 4096)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("createType \"monolithicflat\" is not one of vmdk_allowed_types")
                .hasMessageContaining("vmdk extent refers to a path outside the image: rw 2048 flat \"/etc/passwd\"");
    }

    @Test
    void aVmdkSubformatOutsideVmdkAllowedTypesIsRefused() throws IOException {
        Path raw = QemuImg.create(dir.resolve("disk.raw"), "raw", "1M");
        Path vmdk = QemuImg.convert(raw, "raw", dir.resolve("disk.vmdk"), "vmdk", "-o", "subformat=streamOptimized");
        FormatInspectionSettings sparseOnly = new FormatInspectionSettings(true, Set.of("monolithicSparse"),
                DEFAULTS.gptSafetyChecksNonfatal());
        assertThatThrownBy(() -> stream(sparseOnly, vmdk, "vmdk", "bare", 4096))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("createType \"streamoptimized\" is not one of vmdk_allowed_types");
    }

    @Test
    void qedIsAlwaysRefused() throws IOException {
        Path qed = QemuImg.create(dir.resolve("disk.qed"), "qed", "1M");
        assertThatThrownBy(() -> stream(qed, "raw", 4096)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("QED images are not accepted");
    }

    @Test
    void aPartitionTableWithoutPartitionsOnlyWarnsByDefaultButIsFatalWhenConfigured() throws IOException {
        byte[] disk = new byte[8192];
        disk[510] = 0x55;
        disk[511] = (byte) 0xAA;
        Path empty = Files.write(dir.resolve("empty.img"), disk);
        assertThat(stream(empty, "raw", 4096)).isEqualTo(8192L);
        FormatInspectionSettings strict = new FormatInspectionSettings(true, DEFAULTS.vmdkAllowedTypes(), Set.of());
        assertThatThrownBy(() -> stream(strict, empty, "raw", "bare", 4096))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("MBR has no partitions");
    }

    @Test
    void containerFormatsOtherThanBareAreNotInspected() throws IOException {
        Path qcow2 = QemuImg.create(dir.resolve("backed.qcow2"), "qcow2", "1M", "-b", "/etc/passwd", "-F", "raw");
        assertThat(stream(DEFAULTS, qcow2, "raw", "ova", 4096)).isNull();
    }

    private static Long stream(Path image, String diskFormat, int chunk) throws IOException {
        return stream(DEFAULTS, image, diskFormat, "bare", chunk);
    }

    private static Long stream(FormatInspectionSettings settings, Path image, String diskFormat,
                               String containerFormat, int chunk) throws IOException {
        byte[] bytes = Files.readAllBytes(image);
        StreamingFormatCheck check = settings.checkFor(diskFormat, containerFormat);
        for (int off = 0; off < bytes.length; off += chunk) {
            check.feed(bytes, off, Math.min(chunk, bytes.length - off));
        }
        return check.finish();
    }
}

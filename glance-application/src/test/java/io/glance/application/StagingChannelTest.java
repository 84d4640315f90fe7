package io.glance.application;

import io.glance.application.inspection.FormatInspectionSettings;
import io.glance.domain.InvalidInputException;
import io.glance.domain.LimitExceededException;
import io.glance.store.spi.SizeMismatchException;
import io.glance.testing.images.QemuImg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The channel a web-download is staged through keeps UploadStream's rules: cap, declared size, format check. */
class StagingChannelTest {
    private static final FormatInspectionSettings FORMATS = FormatInspectionSettings.defaults();

    @TempDir
    Path dir;

    /** A source that hands out at most a random number of bytes per read, like a socket. */
    private static ReadableByteChannel trickling(byte[] data, long seed) {
        ReadableByteChannel whole = Channels.newChannel(new ByteArrayInputStream(data));
        Random random = new Random(seed);
        return new ReadableByteChannel() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                int limit = Math.min(dst.remaining(), 1 + random.nextInt(100_000));
                ByteBuffer part = dst.slice(dst.position(), limit);
                int read = whole.read(part);
                if (read > 0) {
                    dst.position(dst.position() + read);
                }
                return read;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }

    private static byte[] drain(StagingChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (channel.read(buffer) >= 0) {
            buffer.flip();
            byte[] part = new byte[buffer.remaining()];
            buffer.get(part);
            out.write(part);
            buffer.clear();
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 300_000, 3 * 1024 * 1024 + 7})
    void theBytesPassUnchangedAndAreCountedWithOrWithoutADeclaredSize(int size) throws IOException {
        byte[] data = TestData.bytes(size);
        for (long declared : new long[]{-1, size}) {
            StagingChannel channel = new StagingChannel(trickling(data, size), Long.MAX_VALUE, declared,
                    UploadStream.overImageSizeCap(Long.MAX_VALUE), FORMATS.checkFor("raw", "bare"));
            assertThat(drain(channel)).isEqualTo(data);
            assertThat(channel.finish()).isEqualTo(size);
        }
    }

    @Test
    void theCapAdmitsExactlyItsSize() throws IOException {
        byte[] data = TestData.bytes(5001);
        StagingChannel exact = new StagingChannel(trickling(new byte[5000], 1), 5000, -1,
                UploadStream.overImageSizeCap(5000), null);
        drain(exact);
        assertThat(exact.finish()).isEqualTo(5000);

        StagingChannel over = new StagingChannel(trickling(data, 2), 5000, -1, UploadStream.overImageSizeCap(5000),
                null);
        assertThatThrownBy(() -> drain(over)).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("image_size_cap of 5000 bytes");
    }

    @Test
    void dataLongerThanDeclaredFailsBeforeTheLastDeclaredByteIsDelivered() throws IOException {
        StagingChannel channel = new StagingChannel(trickling(TestData.bytes(5001), 3), Long.MAX_VALUE, 5000,
                UploadStream.overImageSizeCap(Long.MAX_VALUE), null);
        ByteBuffer buffer = ByteBuffer.allocate(10_000);
        assertThatThrownBy(() -> {
            while (channel.read(buffer) >= 0) {
                // drain
            }
        }).isInstanceOf(SizeMismatchException.class).hasMessageContaining("longer than the 5000 bytes declared");
        assertThat(buffer.position()).isLessThan(5000);
    }

    @Test
    void dataShorterThanDeclaredFailsAtItsEnd() {
        StagingChannel channel = new StagingChannel(trickling(TestData.bytes(4999), 4), Long.MAX_VALUE, 5000,
                UploadStream.overImageSizeCap(Long.MAX_VALUE), null);
        assertThatThrownBy(() -> drain(channel)).isInstanceOf(SizeMismatchException.class)
                .hasMessage("The data of the image ended after 4999 bytes; 5000 were declared");
    }

    @Test
    void aQcow2ClaimedAsRawIsRefusedWhileItIsRead() throws IOException {
        Path qcow2 = QemuImg.create(dir.resolve("disk.qcow2"), "qcow2", "10M");
        byte[] data = Files.readAllBytes(qcow2);
        StagingChannel channel = new StagingChannel(trickling(data, 5), Long.MAX_VALUE, data.length,
                UploadStream.overImageSizeCap(Long.MAX_VALUE), FORMATS.checkFor("raw", "bare"));
        assertThatThrownBy(() -> drain(channel)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Image data is qcow2, but disk_format is raw");
    }

    @Test
    void aQcow2ClaimedAsQcow2GivesItsVirtualSizeCheckAtTheEnd() throws IOException {
        Path qcow2 = QemuImg.create(dir.resolve("disk.qcow2"), "qcow2", "10M");
        byte[] data = Files.readAllBytes(qcow2);
        StagingChannel channel = new StagingChannel(trickling(data, 6), Long.MAX_VALUE, data.length,
                UploadStream.overImageSizeCap(Long.MAX_VALUE), FORMATS.checkFor("qcow2", "bare"));
        assertThat(drain(channel)).isEqualTo(data);
        assertThat(channel.finish()).isEqualTo(data.length);
    }
}

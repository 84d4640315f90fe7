package io.glance.store.filesystem;

import io.glance.store.spi.BufferReadable;
import io.glance.store.spi.ByteRange;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoredObject;
import io.glance.store.tck.TestingStoreContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The driver's reads into the caller's buffers: {@link BufferReadable} on what {@code get} returns. */
class BufferReadTest {
    private static final String IMAGE_ID = "5d2e8b1a-7c4f-4e09-a3b6-1f9c0d2e4a71";

    @TempDir
    private Path tmp;

    @Test
    void readsIntoADirectBufferTheRestAfterWhatWasReadAlready() throws IOException {
        byte[] data = random(300_000);
        try (StoreDriver driver = driver()) {
            StoredObject stored = driver.put(IMAGE_ID, new ByteArrayInputStream(data), data.length);
            try (InputStream in = driver.get(stored.location(), null).stream()) {
                assertThat(in).isInstanceOf(BufferReadable.class);
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                all.writeBytes(in.readNBytes(1000)); // leaves the rest of the stream's own buffer to read first
                all.writeBytes(readAll((BufferReadable) in, ByteBuffer.allocateDirect(64 * 1024)));
                assertThat(all.toByteArray()).isEqualTo(data);
                assertThat(in.read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void aRangeReadsOnlyTheRangeEvenIntoALargerBuffer() throws IOException {
        byte[] data = random(200_000);
        try (StoreDriver driver = driver()) {
            StoredObject stored = driver.put(IMAGE_ID, new ByteArrayInputStream(data), data.length);
            try (InputStream in = driver.get(stored.location(), new ByteRange(70_000, 100_000)).stream()) {
                assertThat(readAll((BufferReadable) in, ByteBuffer.allocateDirect(1024 * 1024)))
                        .isEqualTo(Arrays.copyOfRange(data, 70_000, 170_000));
            }
        }
    }

    @Test
    void aFullBufferTakesNothingAndTheBytesStayForTheNextRead() throws IOException {
        byte[] data = random(10_000);
        try (StoreDriver driver = driver()) {
            StoredObject stored = driver.put(IMAGE_ID, new ByteArrayInputStream(data), data.length);
            try (InputStream in = driver.get(stored.location(), null).stream()) {
                assertThat(((BufferReadable) in).read(ByteBuffer.allocateDirect(0))).isZero();
                assertThat(in.readAllBytes()).isEqualTo(data);
            }
        }
    }

    @Test
    void aFileTruncatedUnderTheReadIsAnErrorNotAShortImage() throws IOException {
        byte[] data = random(100_000);
        try (StoreDriver driver = driver()) {
            StoredObject stored = driver.put(IMAGE_ID, new ByteArrayInputStream(data), data.length);
            try (InputStream in = driver.get(stored.location(), null).stream()) {
                try (FileChannel channel = FileChannel.open(Path.of(stored.location()), StandardOpenOption.WRITE)) {
                    channel.truncate(40_000);
                }
                ByteBuffer buffer = ByteBuffer.allocateDirect(1024 * 1024);
                assertThat(((BufferReadable) in).read(buffer)).isEqualTo(40_000);
                assertThatThrownBy(() -> ((BufferReadable) in).read(buffer))
                        .isInstanceOf(IOException.class).hasMessageContaining("60000 bytes before the end");
            }
        }
    }

    private static byte[] readAll(BufferReadable in, ByteBuffer buffer) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (in.read(buffer.clear()) >= 0) {
            byte[] chunk = new byte[buffer.flip().remaining()];
            buffer.get(chunk);
            all.writeBytes(chunk);
        }
        return all.toByteArray();
    }

    private StoreDriver driver() {
        return new FilesystemStoreDriverFactory().create("fast",
                Map.of("filesystem_store_datadir", tmp.resolve("images").toString()), new TestingStoreContext(tmp));
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}

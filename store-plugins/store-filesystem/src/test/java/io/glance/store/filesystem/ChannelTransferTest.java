package io.glance.store.filesystem;

import io.glance.store.spi.ByteRange;
import io.glance.store.spi.ChannelTransferable;
import io.glance.store.spi.ObjectData;
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
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The zero-copy side of the driver's reads: {@link ChannelTransferable} on what {@code get} returns. */
class ChannelTransferTest {
    private static final String IMAGE_ID = "3f1c9a2e-0b7d-4c55-9e61-2a8d4f6b7c10";

    @TempDir
    private Path tmp;

    @Test
    void aWholeReadTransfersExactlyTheObjectAfterWhatWasReadAlready() throws IOException {
        byte[] data = random(300_000);
        try (StoreDriver driver = driver()) {
            StoredObject stored = driver.put(IMAGE_ID, new ByteArrayInputStream(data), data.length);
            ObjectData read = driver.get(stored.location(), null);
            try (InputStream in = read.stream()) {
                assertThat(in).isInstanceOf(ChannelTransferable.class);
                byte[] head = in.readNBytes(1000);
                Sink sink = new Sink(50_000);
                long count;
                while ((count = ((ChannelTransferable) in).transferTo(sink)) != -1) {
                    assertThat(count).isPositive();
                }
                assertThat(concat(head, sink.bytes())).isEqualTo(data);
                assertThat(in.read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void aRangeTransfersOnlyTheRange() throws IOException {
        byte[] data = random(200_000);
        try (StoreDriver driver = driver()) {
            StoredObject stored = driver.put(IMAGE_ID, new ByteArrayInputStream(data), data.length);
            try (InputStream in = driver.get(stored.location(), new ByteRange(70_000, 100_000)).stream()) {
                Sink sink = new Sink(Integer.MAX_VALUE);
                while (((ChannelTransferable) in).transferTo(sink) != -1) {
                    // until the range is used up
                }
                assertThat(sink.bytes()).isEqualTo(Arrays.copyOfRange(data, 70_000, 170_000));
            }
        }
    }

    @Test
    void aFullTargetTakesNothingAndTheBytesStayForTheNextCall() throws IOException {
        byte[] data = random(10_000);
        try (StoreDriver driver = driver()) {
            StoredObject stored = driver.put(IMAGE_ID, new ByteArrayInputStream(data), data.length);
            try (InputStream in = driver.get(stored.location(), null).stream()) {
                assertThat(((ChannelTransferable) in).transferTo(new Sink(0))).isZero();
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
                Path file = Path.of(stored.location());
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(40_000);
                }
                Sink sink = new Sink(Integer.MAX_VALUE);
                assertThat(((ChannelTransferable) in).transferTo(sink)).isEqualTo(40_000);
                assertThatThrownBy(() -> ((ChannelTransferable) in).transferTo(sink))
                        .isInstanceOf(IOException.class).hasMessageContaining("60000 bytes before the end");
            }
        }
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

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** A channel that takes at most {@code perWrite} bytes a call, like a socket whose send buffer fills up. */
    private static final class Sink implements WritableByteChannel {
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private final int perWrite;

        Sink(int perWrite) {
            this.perWrite = perWrite;
        }

        @Override
        public int write(ByteBuffer src) {
            int count = Math.min(perWrite, src.remaining());
            byte[] chunk = new byte[count];
            src.get(chunk);
            received.writeBytes(chunk);
            return count;
        }

        byte[] bytes() {
            return received.toByteArray();
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}

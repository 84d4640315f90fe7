package io.glance.client;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A download's blocks are written on the writer's thread, in order; the target's failure reaches the caller. */
class OverlappedWriterTest {
    @Test
    void blocksAreWrittenInOrderOnAnotherThread() throws Exception {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        List<String> writers = new ArrayList<>();
        OutputStream recording = new OutputStream() {
            @Override
            public void write(int b) {
                throw new AssertionError("blocks are written whole");
            }

            @Override
            public void write(byte[] data, int offset, int length) {
                writers.add(Thread.currentThread().getName());
                target.write(data, offset, length);
            }
        };
        byte[] block = new byte[8];
        try (OverlappedWriter writer = new OverlappedWriter(recording)) {
            for (byte i = 1; i <= 3; i++) {
                java.util.Arrays.fill(block, i);
                writer.start(block, i + 2);
                writer.finish(); // only then may the array be filled again
            }
        }
        assertThat(target.toByteArray()).containsExactly(1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3);
        assertThat(writers).hasSize(3).allSatisfy(name -> assertThat(name).isEqualTo("glance-client-writer"));
    }

    @Test
    void theTargetsFailureIsThrownWhenTheBlockIsFinished() throws Exception {
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void write(byte[] data, int offset, int length) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        try (OverlappedWriter writer = new OverlappedWriter(full)) {
            writer.start(new byte[4], 4);
            assertThatThrownBy(writer::finish).isInstanceOf(UncheckedIOException.class)
                    .hasMessage("cannot write the downloaded data").cause().hasMessage("No space left on device");
        }
    }
}

package io.glance.server;

import io.glance.domain.ConflictException;
import io.glance.domain.ImageId;
import io.glance.ports.out.StagingArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Staging writes for a running task (not forced to disk) keep the rules of the durable ones. */
class FileStagingAreaTest {
    private static final ImageId ID = new ImageId("00000000-0000-4000-8000-000000000017");

    @TempDir
    Path directory;

    @Test
    void aTaskWriteStagesTheBytesAndRefusesASecondWrite() throws IOException {
        FileStagingArea staging = new FileStagingArea(directory);
        byte[] data = new byte[3 * 1024 * 1024 + 5];
        new Random(17).nextBytes(data);

        assertThat(staging.writeForTask(ID, new ByteArrayInputStream(data))).isEqualTo(data.length);

        try (InputStream in = staging.open(ID)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThatThrownBy(() -> staging.write(ID, new ByteArrayInputStream(data)))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> staging.writeForTask(ID, new ByteArrayInputStream(data)))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void aFailedTaskWriteLeavesNothing() throws IOException {
        FileStagingArea staging = new FileStagingArea(directory);
        InputStream failing = new InputStream() {
            private int left = 2 * 1024 * 1024;

            @Override
            public int read() throws IOException {
                if (left-- == 0) {
                    throw new IOException("the source went away");
                }
                return 7;
            }
        };

        assertThatThrownBy(() -> staging.writeForTask(ID, failing)).hasMessage("the source went away");

        assertThat(staging.size(ID)).isEmpty();
        try (var files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aChannelWriteStagesTheBytesAndAFailedOneLeavesNothing() throws IOException {
        FileStagingArea staging = new FileStagingArea(directory);
        byte[] data = new byte[3 * 1024 * 1024 + 5];
        new Random(18).nextBytes(data);

        assertThat(staging.writeForTask(ID, Channels.newChannel(new ByteArrayInputStream(data))))
                .isEqualTo(data.length);
        try (InputStream in = staging.open(ID)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThatThrownBy(() -> staging.writeForTask(ID, Channels.newChannel(new ByteArrayInputStream(data))))
                .isInstanceOf(ConflictException.class);
        staging.delete(ID);

        ReadableByteChannel failing = new ReadableByteChannel() {
            private int calls;

            @Override
            public int read(ByteBuffer dst) throws IOException {
                if (++calls > 3) {
                    throw new IOException("the server went away");
                }
                int count = dst.remaining();
                dst.position(dst.limit());
                return count;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> staging.writeForTask(ID, failing)).hasMessage("the server went away");
        assertThat(staging.size(ID)).isEmpty();
        try (var files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aWriteWithProgressNamesTheGrowingDataAndReportsEachBufferUntilTheDataIsDeleted() throws IOException {
        FileStagingArea staging = new FileStagingArea(directory);
        byte[] data = new byte[1024 * 1024 + 3];
        new Random(19).nextBytes(data);
        List<Long> reported = new ArrayList<>();
        Path[] reading = {null};

        staging.writeForTask(ID, Channels.newChannel(new ByteArrayInputStream(data)), new StagingArea.Progress() {
            @Override
            public void started(URI uri) {
                reading[0] = Path.of(uri);
            }

            @Override
            public void written(long length) throws IOException {
                // What is reported is in the file under the reading name already, before the data is published.
                assertThat(Files.size(reading[0])).isEqualTo(length);
                assertThat(staging.size(ID)).isEmpty();
                reported.add(length);
            }
        });

        assertThat(reported).containsExactly(262_144L, 524_288L, 786_432L, 1_048_576L, 1_048_579L);
        assertThat(reading[0].getFileName().toString()).startsWith(".").endsWith(".partial");
        assertThat(Files.readAllBytes(reading[0])).isEqualTo(data);
        staging.delete(ID);
        try (var files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aWriteStoppedByItsProgressFailsAndLeavesNothing() {
        FileStagingArea staging = new FileStagingArea(directory);
        byte[] data = new byte[1024 * 1024];

        assertThatThrownBy(() -> staging.writeForTask(ID, Channels.newChannel(new ByteArrayInputStream(data)),
                new StagingArea.Progress() {
                    @Override
                    public void started(URI reading) {
                    }

                    @Override
                    public void written(long length) throws IOException {
                        throw new IOException("the step failed");
                    }
                })).hasMessage("the step failed");

        assertThat(staging.size(ID)).isEmpty();
        assertThat(directory.toFile().list()).isEmpty();
    }

    @Test
    void replacedDataIsTheNewFileAndTheOldGoesWithTheStagedData() throws IOException {
        FileStagingArea staging = new FileStagingArea(directory);
        staging.writeForTask(ID, new ByteArrayInputStream(new byte[] {1, 2, 3}));
        Path converted = directory.resolve(ID.value() + ".raw");
        Files.write(converted, new byte[] {4, 5, 6, 7});

        staging.replace(ID, converted.toUri());

        assertThat(Files.exists(converted)).isFalse();
        assertThat(staging.size(ID)).hasValue(4);
        try (InputStream in = staging.open(ID)) {
            assertThat(in.readAllBytes()).containsExactly(4, 5, 6, 7);
        }
        // The old data waits under a partial name (one a crash leaves behind is removed at the next start).
        try (var files = Files.list(directory)) {
            assertThat(files.map(file -> file.getFileName().toString()).toList())
                    .hasSize(2).contains(ID.value()).anyMatch(name -> name.startsWith(".") && name.endsWith(".partial"));
        }

        staging.delete(ID);

        try (var files = Files.list(directory)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void aReplacementWithNothingStagedOnlyMovesTheNewFile() throws IOException {
        FileStagingArea staging = new FileStagingArea(directory);
        Path converted = directory.resolve(ID.value() + ".raw");
        Files.write(converted, new byte[] {9});

        staging.replace(ID, converted.toUri());
        staging.delete(ID);

        try (var files = Files.list(directory)) {
            assertThat(files.toList()).isEmpty();
        }
    }
}

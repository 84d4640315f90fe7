package io.glance.store.filesystem;

import io.glance.store.tck.PatternInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The two ways an upload reaches its file: past the page cache (O_DIRECT) and buffered; the same bytes either way. */
class ImageFileWriterTest {
    private static final String IMAGE_ID = "5b0f4c8e-2f7a-4d6b-9c1e-3a8d7e6f5a4b";
    private static final int MIB = 1024 * 1024;

    @TempDir
    private Path tmp;

    /** Sizes around the 4 KiB alignment and the 1 MiB write, where padding and the final cut happen. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 511, 4095, 4096, 4097, MIB - 1, MIB, MIB + 1, 3 * MIB + 4099})
    void directWritesHoldExactlyTheData(int size) throws IOException {
        assertThat(written(true, size)).isEqualTo(pattern(size));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4097, MIB + 1})
    void bufferedWritesHoldTheSameData(int size) throws IOException {
        assertThat(written(false, size)).isEqualTo(pattern(size));
    }

    /** The partial file is open with O_DIRECT while the data streams in (Linux: the flags in /proc/self/fdinfo). */
    @Test
    void theUploadBypassesThePageCache() {
        int directFlag = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> 0x4000;
            case "aarch64" -> 0x10000;
            default -> 0;
        };
        assumeTrue(directFlag != 0 && Files.isDirectory(Path.of("/proc/self/fdinfo")), "Linux on x86-64 or arm64");
        List<Integer> partialFileFlags = new ArrayList<>();
        InputStream data = new FilterInputStream(new PatternInputStream(3L * MIB, 7)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (partialFileFlags.isEmpty()) {
                    partialFileFlags.addAll(openPartialFileFlags());
                }
                return super.read(buffer, offset, length);
            }
        };

        writer(true).write(IMAGE_ID, data, directory().objectPath(IMAGE_ID));

        assertThat(partialFileFlags).anyMatch(flags -> (flags & directFlag) != 0);
    }

    private byte[] written(boolean directIo, int size) throws IOException {
        DataDirectory directory = directory();
        Path target = directory.objectPath(IMAGE_ID);
        // Odd read sizes, so that the writer's blocks never line up with what the client delivers.
        InputStream data = new FilterInputStream(new PatternInputStream(size, 3)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return super.read(buffer, offset, Math.min(length, 7777));
            }
        };

        long stored = writer(directIo).write(IMAGE_ID, data, target);

        assertThat(stored).isEqualTo(size);
        return Files.readAllBytes(target);
    }

    private DataDirectory directory() {
        return DataDirectory.prepare("fast", tmp.resolve("images"));
    }

    private ImageFileWriter writer(boolean directIo) {
        return new ImageFileWriter("fast", directory(), Optional.empty(), directIo);
    }

    private static byte[] pattern(int size) throws IOException {
        try (InputStream in = new PatternInputStream(size, 3)) {
            return in.readAllBytes();
        }
    }

    /** The open-file flags of every descriptor of this process on a partial file in the data directory. */
    private List<Integer> openPartialFileFlags() throws IOException {
        List<Integer> flags = new ArrayList<>();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            for (Path descriptor : descriptors.toList()) {
                Path target;
                try {
                    target = Files.readSymbolicLink(descriptor);
                } catch (IOException gone) {
                    continue;
                }
                if (target.startsWith(tmp) && target.getFileName().toString().startsWith(".")) {
                    Path info = Path.of("/proc/self/fdinfo").resolve(descriptor.getFileName());
                    for (String line : Files.readAllLines(info)) {
                        if (line.startsWith("flags:")) {
                            flags.add(Integer.parseInt(line.substring("flags:".length()).trim(), 8));
                        }
                    }
                }
            }
        }
        return flags;
    }
}

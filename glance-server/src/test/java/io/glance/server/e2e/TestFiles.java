package io.glance.server.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Image data for uploads, and what a store or staging folder holds afterwards. */
final class TestFiles {
    private TestFiles() {
    }

    /** {@code size} random bytes, the same for the same size (seeded with it). */
    static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    /** The regular files below {@code dir}, sorted; none when it does not exist (yet). */
    static List<Path> filesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}

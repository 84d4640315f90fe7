package io.glance.client;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/** A download into a file that is deleted again on any failure, so that no unverified or partial file stays. */
final class DownloadFile {
    private DownloadFile() {
    }

    static DownloadResult write(Path target, Function<OutputStream, DownloadResult> download) {
        requireNonNull(target, "target is null");
        boolean done = false;
        try (OutputStream out = Files.newOutputStream(target)) {
            DownloadResult result = download.apply(out);
            done = true;
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        } finally {
            if (!done) {
                deleteQuietly(target);
            }
        }
    }

    private static void deleteQuietly(Path target) {
        try {
            Files.deleteIfExists(target);
        } catch (IOException ignored) {
            // the original failure matters more
        }
    }
}

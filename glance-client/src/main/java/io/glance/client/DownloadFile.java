package io.glance.client;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * A download into a file that is deleted again on any failure, so that no unverified or partial file stays. Only a
 * regular file (or one the download creates) is deleted: a target such as {@code /dev/null}, a FIFO or a symbolic
 * link is left in place, since deleting it as root would remove the device node for every other process.
 */
final class DownloadFile {
    private DownloadFile() {
    }

    static DownloadResult write(Path target, Function<OutputStream, DownloadResult> download) {
        requireNonNull(target, "target is null");
        boolean deletable = Files.notExists(target, LinkOption.NOFOLLOW_LINKS)
                || Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS);
        boolean done = false;
        try (OutputStream out = Files.newOutputStream(target)) {
            DownloadResult result = download.apply(out);
            done = true;
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        } finally {
            if (!done && deletable && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
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

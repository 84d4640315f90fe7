package io.glance.cli;

import io.glance.client.GlanceClient;
import io.glance.client.ProgressListener;
import io.glance.client.ResumableUploadResult;
import io.glance.client.ResumeSettings;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The options of an upload from a file that may go through a resumable (tus) session: files of
 * {@code --resume-threshold} or more do, when the server offers it, and then survive dropped connections and a
 * restarted glance-api (up to {@code --retries} retries in a row, with exponential backoff). Smaller files, stdin,
 * {@code --no-resume} or a server without resumable uploads: one PUT, as before.
 */
final class ResumeOptions {
    @Option(names = "--no-resume", description = "Send the file in one PUT, without a resumable session.")
    boolean noResume;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "8",
            description = "Retries in a row after a dropped connection or a server error (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--resume-threshold", paramLabel = "SIZE", defaultValue = "2G",
            description = "Files of at least SIZE (bytes, or with K/M/G/T) go through a resumable session "
                    + "(default: ${DEFAULT-VALUE}).")
    String threshold;

    /** Sends the file, resumably when it is large enough and the server can; returns what the resumable path did. */
    ResumableUploadResult send(GlanceClient client, String imageId, Path file, ProgressListener progress) {
        if (retries < 0) {
            throw new UsageException("--retries must be 0 or more, not " + retries);
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (noResume || size < bytes(threshold) || !client.offersResumableUploads(imageId)) {
            client.upload(imageId, file, progress);
            return null;
        }
        return client.uploadResumable(imageId, file, ResumeSettings.defaults().withRetries(retries), progress);
    }

    static long bytes(String size) {
        String text = size.strip().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (!text.isEmpty() && "KMGT".indexOf(text.charAt(text.length() - 1)) >= 0) {
            unit = 1L << (10 * ("KMGT".indexOf(text.charAt(text.length() - 1)) + 1));
            text = text.substring(0, text.length() - 1);
        }
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(value, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UsageException("--resume-threshold '" + size + "' is not a size (bytes, or with K/M/G/T)");
        }
    }
}

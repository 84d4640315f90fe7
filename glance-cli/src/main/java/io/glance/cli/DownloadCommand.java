package io.glance.cli;

import io.glance.client.DownloadResult;
import io.glance.client.GlanceClient;
import io.glance.client.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code glance download ID [FILE]}: streams the data into FILE (or standard output) and verifies it. */
@Command(name = "download", description = {"Download an image's data, verifying its checksum.",
        "os_hash_value is checked, else checksum; on a mismatch the file",
        "is deleted and the exit status is 6."})
final class DownloadCommand implements Callable<Integer> {
    @ParentCommand
    GlanceCommand glance;

    @Parameters(index = "0", paramLabel = "ID", description = "The image.")
    String imageId;

    @Parameters(index = "1", paramLabel = "FILE", arity = "0..1", description = "Target file; - or none: stdout.")
    String file;

    @Override
    public Integer call() {
        Io io = glance.io();
        GlanceClient client = glance.client();
        ProgressBar bar = glance.progressBar();
        ProgressListener progress = bar == null ? ProgressListener.NONE : bar;
        boolean toStdout = file == null || file.equals("-");
        DownloadResult result;
        try {
            result = toStdout ? client.download(imageId, io.out(), progress)
                    : client.download(imageId, Path.of(file), progress);
        } finally {
            if (bar != null) {
                bar.finish();
            }
        }
        io.out().flush();
        String summary = "Downloaded image " + imageId + (toStdout ? "" : " to " + file) + ": " + result.bytes()
                + " bytes, " + (result.verified() ? result.algorithm() + " verified" : "no checksum to verify");
        if (!toStdout) {
            io.out().println(summary);
        } else if (glance.verbose) {
            io.err().println(summary);
        }
        return ExitCodes.OK;
    }
}

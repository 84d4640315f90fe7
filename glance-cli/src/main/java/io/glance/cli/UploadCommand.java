package io.glance.cli;

import io.glance.client.GlanceClient;
import io.glance.client.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code glance upload ID [FILE]}: puts data into a queued image, from FILE (sized) or standard input. */
@Command(name = "upload", description = "Upload data into a queued image from FILE or standard input.")
final class UploadCommand implements Callable<Integer> {
    @ParentCommand
    GlanceCommand glance;

    @Parameters(index = "0", paramLabel = "ID", description = "The image.")
    String imageId;

    @Parameters(index = "1", paramLabel = "FILE", arity = "0..1", description = "Source file; - or none: stdin.")
    String file;

    @Override
    public Integer call() throws Exception {
        Io io = glance.io();
        boolean fromStdin = file == null || file.equals("-");
        if (!fromStdin && !Files.isRegularFile(Path.of(file))) {
            throw new UsageException("No such file: " + file);
        }
        if (fromStdin && io.stdinIsTerminal()) {
            throw new UsageException("Give a FILE or pipe the data into standard input");
        }
        if (glance.dryRun) {
            io.out().println("Dry run. We would have done the following:");
            io.out().println("Upload " + (fromStdin ? "standard input" : file) + " to image " + imageId);
            return ExitCodes.OK;
        }
        GlanceClient client = glance.client();
        ProgressBar bar = glance.progressBar();
        ProgressListener progress = bar == null ? ProgressListener.NONE : bar;
        try {
            if (fromStdin) {
                client.upload(imageId, io.in(), io.stdinSize(), progress);
            } else {
                client.upload(imageId, Path.of(file), progress);
            }
        } finally {
            if (bar != null) {
                bar.finish();
            }
        }
        io.out().println("Uploaded image " + imageId + ": " + client.show(imageId).size().orElse(0L) + " bytes");
        return ExitCodes.OK;
    }
}

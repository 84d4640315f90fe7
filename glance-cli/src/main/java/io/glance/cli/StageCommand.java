package io.glance.cli;

import io.glance.client.GlanceClient;
import io.glance.client.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code glance stage ID [FILE]}: stages data for a glance-direct import, from FILE (sized) or standard input. */
@Command(name = "stage", description = "Stage data for a glance-direct import from FILE or standard input.")
final class StageCommand implements Callable<Integer> {
    @ParentCommand
    GlanceCommand glance;

    @Parameters(index = "0", paramLabel = "ID", description = "The image (queued).")
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
            io.out().println("Stage " + (fromStdin ? "standard input" : file) + " for image " + imageId);
            return ExitCodes.OK;
        }
        GlanceClient client = glance.client();
        ProgressBar bar = glance.progressBar();
        ProgressListener progress = bar == null ? ProgressListener.NONE : bar;
        try {
            if (fromStdin) {
                client.stage(imageId, io.in(), io.stdinSize(), progress);
            } else {
                client.stage(imageId, Path.of(file), progress);
            }
        } finally {
            if (bar != null) {
                bar.finish();
            }
        }
        io.out().println("Staged " + client.show(imageId).size().orElse(0L) + " bytes for image " + imageId
                + " (status uploading); import it with: glance import " + imageId + " glance-direct");
        return ExitCodes.OK;
    }
}

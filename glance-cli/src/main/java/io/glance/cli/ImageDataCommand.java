package io.glance.cli;

import io.glance.client.GlanceClient;
import io.glance.client.ProgressListener;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * What {@code glance upload} and {@code glance stage} share: image data sent from FILE (sized) or standard input, with
 * the same checks, dry run and progress bar. Subclasses say where the data goes and what to print.
 */
abstract class ImageDataCommand implements Callable<Integer> {
    @ParentCommand
    GlanceCommand glance;

    @Parameters(index = "0", paramLabel = "ID", description = "The image (queued).")
    String imageId;

    @Parameters(index = "1", paramLabel = "FILE", arity = "0..1", description = "Source file; - or none: stdin.")
    String file;

    /** The dry run's line, e.g. {@code Upload FILE to image ID}. */
    abstract String plan(String source);

    abstract void send(GlanceClient client, InputStream data, long size, ProgressListener progress);

    abstract void send(GlanceClient client, Path data, ProgressListener progress);

    /**
     * The line printed once the data is in, with the bytes sent. Those are the bytes the image holds: glance-api
     * answered the PUT with success only after it stored the whole body (Content-Length, or every chunk), so the
     * line asks the server nothing. A GET of the image here cost {@code bin/glance upload} an exchange through the
     * JDK HttpClient, which it otherwise never builds; curl and glanceclient's image-upload send the PUT only.
     */
    abstract String done(long bytesSent);

    @Override
    public final Integer call() throws Exception {
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
            io.out().println(plan(fromStdin ? "standard input" : file));
            return ExitCodes.OK;
        }
        GlanceClient client = glance.client();
        ProgressBar bar = glance.progressBar();
        SentBytes sent = new SentBytes(bar == null ? ProgressListener.NONE : bar);
        try {
            if (fromStdin) {
                send(client, io.in(), io.stdinSize(), sent);
            } else {
                send(client, Path.of(file), sent);
            }
        } finally {
            if (bar != null) {
                bar.finish();
            }
        }
        io.out().println(done(sent.bytes()));
        return ExitCodes.OK;
    }
}

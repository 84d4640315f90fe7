package io.glance.cli;

import io.glance.client.GlanceClient;
import io.glance.client.GlanceClientException;
import io.glance.client.Image;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code glance clear}: deletes every public image, going on past failures. */
@Command(name = "clear", description = {"Delete all public images.",
        "Asks for confirmation on a terminal unless --force is given."})
final class ClearCommand implements Callable<Integer> {
    @ParentCommand
    GlanceCommand glance;

    @Override
    public Integer call() {
        Io io = glance.io();
        GlanceClient client = glance.client();
        List<Image> images = PublicImages.list(client, Map.of());
        if (glance.dryRun) {
            io.out().println("Dry run. We would have done the following:");
            images.forEach(image -> io.out().println("Delete image " + image.id()));
            return ExitCodes.OK;
        }
        if (!glance.confirm("Delete all " + images.size() + " public images?")) {
            io.out().println("Not deleting any image");
            return ExitCodes.USAGE;
        }
        int status = ExitCodes.OK;
        for (Image image : images) {
            if (glance.verbose) {
                io.out().print("Deleting image " + image.id() + " \"" + image.name().orElse("") + "\" ... ");
            }
            try {
                client.delete(image.id());
                if (glance.verbose) {
                    io.out().println("done");
                }
            } catch (GlanceClientException e) {
                if (glance.verbose) {
                    io.out().println("FAILED");
                }
                io.err().println("Failed to delete image " + image.id() + ": " + e.getMessage());
                status = ExitCodes.of(e);
            }
        }
        return status;
    }
}

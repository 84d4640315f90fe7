package io.glance.cli;

import io.glance.client.GlanceClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code glance tags ID [add|remove TAG ...]}: lists an image's tags, or adds or removes some. */
@Command(name = "tags", description = {"List (one per line) or change an image's tags:",
        "  glance tags ID add TAG... | remove TAG..."})
final class TagsCommand implements Callable<Integer> {
    @ParentCommand
    GlanceCommand glance;

    @Parameters(index = "0", paramLabel = "ID", description = "The image.")
    String imageId;

    @Parameters(index = "1", paramLabel = "ACTION", arity = "0..1", description = "add or remove.")
    String action;

    @Parameters(index = "2..*", paramLabel = "TAG", arity = "0..*", description = "Tags.")
    List<String> tags = new ArrayList<>();

    @Override
    public Integer call() {
        Io io = glance.io();
        GlanceClient client = glance.client();
        if (action == null) {
            List<String> current = client.show(imageId).tags();
            if (glance.json) {
                ImageFormat.json(io.out(), current);
            } else {
                current.forEach(io.out()::println);
            }
            return ExitCodes.OK;
        }
        if (!action.equals("add") && !action.equals("remove")) {
            throw new UsageException("Unknown tags action '" + action + "' (add or remove)");
        }
        if (tags.isEmpty()) {
            throw new UsageException("tags " + imageId + " " + action + " needs at least one TAG");
        }
        if (glance.dryRun) {
            io.out().println("Dry run. We would have done the following:");
            tags.forEach(tag -> io.out().println(action + " tag " + tag + " on image " + imageId));
            return ExitCodes.OK;
        }
        for (String tag : tags) {
            if (action.equals("add")) {
                client.addTag(imageId, tag);
                io.out().println("Tagged image " + imageId + " with " + tag);
            } else {
                client.removeTag(imageId, tag);
                io.out().println("Removed tag " + tag + " from image " + imageId);
            }
        }
        return ExitCodes.OK;
    }
}

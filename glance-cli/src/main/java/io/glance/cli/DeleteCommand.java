package io.glance.cli;

import io.glance.client.NotFoundException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code glance delete ID}: asks first when standard input is a terminal, unless {@code --force}. */
@Command(name = "delete", description = {"Delete an image (the last argument is its id).",
        "Asks for confirmation on a terminal unless --force is given."})
final class DeleteCommand implements Callable<Integer> {
    @ParentCommand
    GlanceCommand glance;

    @Parameters(arity = "1..*", paramLabel = "ID", description = "The image; as in Cactus, the last one counts.")
    List<String> arguments;

    @Override
    public Integer call() {
        Io io = glance.io();
        String imageId = arguments.getLast();
        if (glance.dryRun) {
            io.out().println("Dry run. We would have done the following:");
            io.out().println("Delete image " + imageId);
            return ExitCodes.OK;
        }
        if (!glance.confirm("Delete image " + imageId + "?")) {
            io.out().println("Not deleting image " + imageId);
            return ExitCodes.USAGE;
        }
        try {
            glance.client().delete(imageId);
        } catch (NotFoundException e) {
            io.err().println("No image with ID " + imageId + " was found");
            return ExitCodes.NOT_FOUND;
        }
        io.out().println("Deleted image " + imageId);
        return ExitCodes.OK;
    }
}

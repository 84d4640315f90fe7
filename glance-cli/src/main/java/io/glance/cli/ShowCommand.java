package io.glance.cli;

import io.glance.client.Image;
import io.glance.client.NotFoundException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code glance show ID}: the image's block. */
@Command(name = "show", description = "Show an image's metadata.")
final class ShowCommand implements Callable<Integer> {
    @ParentCommand
    GlanceCommand glance;

    @Parameters(index = "0", paramLabel = "ID", description = "The image.")
    String imageId;

    @Override
    public Integer call() {
        Io io = glance.io();
        Image image;
        try {
            image = glance.client().show(imageId);
        } catch (NotFoundException e) {
            io.err().println("No image with ID " + imageId + " was found");
            return ExitCodes.NOT_FOUND;
        }
        if (glance.json) {
            ImageFormat.json(io.out(), image);
        } else {
            ImageFormat.block(io.out(), image, glance.endpoint());
        }
        return ExitCodes.OK;
    }
}

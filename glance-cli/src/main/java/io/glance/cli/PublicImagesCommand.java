package io.glance.cli;

import io.glance.client.Image;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * What {@code index} and {@code details} share: the filters, the listing of public images, the {@code --json} form
 * and the original "No public images found." / "Found N public images..." lines; subclasses print the images.
 */
abstract class PublicImagesCommand implements Callable<Integer> {
    @ParentCommand
    GlanceCommand glance;

    @Parameters(paramLabel = "FILTER=VALUE", arity = "0..*", description = "Filters.")
    List<String> arguments = new ArrayList<>();

    @Override
    public final Integer call() {
        Io io = glance.io();
        List<Image> images = PublicImages.list(glance.client(), Fields.parse(arguments));
        if (glance.json) {
            ImageFormat.json(io.out(), images.stream().map(Image::attributes).toList());
            return ExitCodes.OK;
        }
        if (images.isEmpty()) {
            io.out().println("No public images found.");
            return ExitCodes.OK;
        }
        io.out().println("Found " + images.size() + " public images...");
        print(io.out(), images);
        return ExitCodes.OK;
    }

    /** Prints a non-empty list of images in this command's format. */
    abstract void print(PrintStream out, List<Image> images);
}

package io.glance.cli;

import io.glance.client.Image;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code glance details [filter=value ...]}: every public image's block between lines of {@code =}. */
@Command(name = "details", description = "Show all metadata of the public images (filters as for index).")
final class DetailsCommand implements Callable<Integer> {
    @ParentCommand
    GlanceCommand glance;

    @Parameters(paramLabel = "FILTER=VALUE", arity = "0..*", description = "Filters.")
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() {
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
        for (Image image : images) {
            io.out().println(ImageFormat.DETAILS_RULE);
            ImageFormat.block(io.out(), image, glance.endpoint());
        }
        io.out().println(ImageFormat.DETAILS_RULE);
        return ExitCodes.OK;
    }
}

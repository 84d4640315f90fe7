package io.glance.cli;

import io.glance.client.Image;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code glance index [filter=value ...]}: the public images as a table. */
@Command(name = "index", description = {"List public images: ID, name, formats and size.",
        "Filters: name, status, disk_format, container_format, size_min,",
        "size_max, tag, visibility, is_public, or any property."})
final class IndexCommand implements Callable<Integer> {
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
        ImageFormat.index(io.out(), images);
        return ExitCodes.OK;
    }
}

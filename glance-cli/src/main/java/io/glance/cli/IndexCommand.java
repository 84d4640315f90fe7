package io.glance.cli;

import io.glance.client.Image;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.util.List;

/** {@code glance index [filter=value ...]}: the public images as a table. */
@Command(name = "index", description = {"List public images: ID, name, formats and size.",
        "Filters: name, status, disk_format, container_format, size_min,",
        "size_max, tag, visibility, is_public, or any property."})
final class IndexCommand extends PublicImagesCommand {

    @Override
    void print(PrintStream out, List<Image> images) {
        ImageFormat.index(out, images);
    }
}

package io.glance.cli;

import io.glance.client.Image;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.util.List;

/** {@code glance details [filter=value ...]}: every public image's block between lines of {@code =}. */
@Command(name = "details", description = "Show all metadata of the public images (filters as for index).")
final class DetailsCommand extends PublicImagesCommand {

    @Override
    void print(PrintStream out, List<Image> images) {
        for (Image image : images) {
            out.println(ImageFormat.DETAILS_RULE);
            ImageFormat.block(out, image, glance.endpoint());
        }
        out.println(ImageFormat.DETAILS_RULE);
    }
}

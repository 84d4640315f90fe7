package io.glance.cli;

import io.glance.client.GlanceClient;
import io.glance.client.GlanceClientException;
import io.glance.client.Image;
import io.glance.client.NewImage;
import io.glance.client.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code glance add name=NAME [field=value ...] < FILE}: creates an image and uploads standard input into it. */
@Command(name = "add", description = {"Add a new image, with the data on standard input or from --file FILE.",
        "Fields: name=VALUE (required), disk_format (default raw),",
        "container_format (default ovf), is_public, visibility, protected,",
        "min_disk, min_ram, id; any other field becomes a property.",
        "Example: glance add name=cirros disk_format=qcow2 is_public=true < cirros.img"})
final class AddCommand implements Callable<Integer> {
    @ParentCommand
    GlanceCommand glance;

    @Parameters(paramLabel = "FIELD=VALUE", arity = "0..*", description = "Image metadata.")
    List<String> arguments = new ArrayList<>();

    @Option(names = "--file", paramLabel = "FILE",
            description = "Upload FILE instead of standard input (as image-create --file; resumable when large).")
    Path file;

    @Mixin
    ResumeOptions resume;

    @Override
    public Integer call() throws IOException {
        Io io = glance.io();
        Map<String, String> fields = new LinkedHashMap<>(Fields.parse(arguments));
        if (!fields.containsKey("name")) {
            io.err().println("Please specify a name for the image using name=VALUE");
            return ExitCodes.USAGE;
        }
        if (fields.remove("status") != null) {
            io.out().println("Found non-settable field status. Removing.");
        }
        if (fields.containsKey("location")) {
            throw new UsageException("location=" + fields.get("location") + " is not supported: the Images API v2 "
                    + "cannot register an external location on this server; pipe the data on standard input");
        }
        if (file != null && !Files.isRegularFile(file)) {
            throw new UsageException("No such file: " + file);
        }
        fields.putIfAbsent("disk_format", "raw");
        fields.putIfAbsent("container_format", "ovf");
        NewImage image = toNewImage(fields);
        if (glance.dryRun) {
            io.out().println("Dry run. We would have done the following:");
            io.out().println("Add new image with metadata:");
            ImageFormat.metadata(io.out(), image.toJson());
            return ExitCodes.OK;
        }
        GlanceClient client = glance.client();
        Image created;
        try {
            created = client.create(image);
        } catch (GlanceClientException e) {
            if (e.status() == 0) {
                throw e;
            }
            io.err().println("Failed to add image. Got error:");
            io.err().println(e.serverMessage().isEmpty() ? e.getMessage() : e.serverMessage());
            return ExitCodes.of(e);
        }
        if (file != null) {
            upload(client, created, io, progress -> resume.send(client, created.id(), file, progress));
        } else if (!io.stdinIsTerminal()) {
            upload(client, created, io);
        }
        Image result = client.show(created.id());
        if (glance.json) {
            ImageFormat.json(io.out(), result);
            return ExitCodes.OK;
        }
        io.out().println("Added new image with ID: " + result.id());
        if (glance.verbose) {
            io.out().println("Returned the following metadata for the new image:");
            ImageFormat.metadata(io.out(), result.attributes());
        }
        return ExitCodes.OK;
    }

    private void upload(GlanceClient client, Image created, Io io) throws IOException {
        PushbackInputStream data = new PushbackInputStream(io.in(), 1);
        int first = data.read();
        if (first < 0) {
            return; // nothing piped in: the image stays queued, as a bodiless Cactus add did
        }
        data.unread(first);
        upload(client, created, io, progress -> client.upload(created.id(), data, io.stdinSize(), progress));
    }

    /** Runs the upload with the progress bar; on failure the new image is deleted again and the error shown. */
    private void upload(GlanceClient client, Image created, Io io, java.util.function.Consumer<ProgressListener> send) {
        ProgressBar bar = glance.progressBar();
        try {
            send.accept(bar == null ? ProgressListener.NONE : bar);
        } catch (GlanceClientException | UncheckedIOException e) {
            io.err().println("Failed to add image. Got error:");
            io.err().println(e.getMessage());
            try {
                client.delete(created.id());
            } catch (GlanceClientException ignored) {
                // the upload failure is what the user needs to see
            }
            throw e;
        } finally {
            if (bar != null) {
                bar.finish();
            }
        }
    }

    static NewImage toNewImage(Map<String, String> fields) {
        NewImage image = NewImage.named(fields.get("name"));
        fields.forEach((key, value) -> {
            switch (key) {
                case "name" -> { }
                case "disk_format" -> image.diskFormat(value);
                case "container_format" -> image.containerFormat(value);
                case "is_public" -> image.visibility(Fields.isTrue(value) ? "public" : "private");
                case "visibility" -> image.visibility(value);
                case "protected" -> image.protectedImage(Fields.isTrue(value));
                case "os_hidden" -> image.hidden(Fields.isTrue(value));
                case "min_disk" -> image.minDisk(Fields.integer(key, value));
                case "min_ram" -> image.minRam(Fields.integer(key, value));
                case "id" -> image.id(value);
                case "tags" -> image.tags(List.of(value.split(",")));
                default -> {
                    if (Image.BASE_KEYS.contains(key)) {
                        throw new UsageException("field " + key + "=" + value + " cannot be set on a new image");
                    }
                    image.property(key, value);
                }
            }
        });
        return image;
    }
}

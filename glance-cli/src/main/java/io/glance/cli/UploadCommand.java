package io.glance.cli;

import io.glance.client.GlanceClient;
import io.glance.client.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.InputStream;
import java.nio.file.Path;

/**
 * {@code glance upload ID [FILE]}: puts data into a queued image, from FILE (sized; resumable from
 * {@code --resume-threshold} on) or standard input.
 */
@Command(name = "upload", description = "Upload data into a queued image from FILE or standard input.")
final class UploadCommand extends ImageDataCommand {
    @Mixin
    ResumeOptions resume;

    @Override
    String plan(String source) {
        return "Upload " + source + " to image " + imageId;
    }

    @Override
    void send(GlanceClient client, InputStream data, long size, ProgressListener progress) {
        client.upload(imageId, data, size, progress);
    }

    @Override
    void send(GlanceClient client, Path data, ProgressListener progress) {
        resume.send(client, imageId, data, progress);
    }

    @Override
    String done(long bytesSent) {
        return "Uploaded image " + imageId + ": " + bytesSent + " bytes";
    }
}

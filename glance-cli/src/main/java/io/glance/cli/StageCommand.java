package io.glance.cli;

import io.glance.client.GlanceClient;
import io.glance.client.ProgressListener;
import picocli.CommandLine.Command;

import java.io.InputStream;
import java.nio.file.Path;

/** {@code glance stage ID [FILE]}: stages data for a glance-direct import, from FILE (sized) or standard input. */
@Command(name = "stage", description = "Stage data for a glance-direct import from FILE or standard input.")
final class StageCommand extends ImageDataCommand {

    @Override
    String plan(String source) {
        return "Stage " + source + " for image " + imageId;
    }

    @Override
    void send(GlanceClient client, InputStream data, long size, ProgressListener progress) {
        client.stage(imageId, data, size, progress);
    }

    @Override
    void send(GlanceClient client, Path data, ProgressListener progress) {
        client.stage(imageId, data, progress);
    }

    @Override
    String done(long bytesSent) {
        return "Staged " + bytesSent + " bytes for image " + imageId
                + " (status uploading); import it with: glance import " + imageId + " glance-direct";
    }
}

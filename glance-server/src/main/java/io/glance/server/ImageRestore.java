package io.glance.server;

import io.glance.adapters.db.DatabaseSettings;
import io.glance.adapters.db.GlanceDatabase;
import io.glance.config.ConfigurationException;
import io.glance.config.OptionValues;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.server.config.ServerSettings;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code glance-manage image restore <id>}: an image deleted with {@code delayed_delete} comes back from
 * {@code pending_delete} to {@code active}, as long as the scrubber has not removed its data (Glance's
 * {@code glance-scrubber --restore}).
 */
final class ImageRestore {

    private ImageRestore() {
    }

    static int run(List<String> words, List<String> options, Map<String, String> environment, PrintStream out,
                   PrintStream err) {
        if (words.size() != 2 || !words.get(0).equals("restore") || !ImageId.isValid(words.get(1))) {
            err.println("usage: glance-manage image restore <image id> [--sql_connection URL] [--data_dir DIR]"
                    + " [--config-file FILE]");
            return GlanceManage.USAGE;
        }
        ImageId id = new ImageId(words.get(1));
        DatabaseSettings settings;
        try {
            OptionValues values = HostOptions.load(options.toArray(String[]::new), environment,
                    StoreSetup::configKeysIn);
            settings = DatabaseSettings.from(values, ServerSettings.from(values).dataDir().resolve("db"))
                    .withMigrateOnStart(false);
        } catch (ConfigurationException e) {
            err.println("glance-manage: " + e.getMessage());
            return GlanceManage.USAGE;
        }
        try (GlanceDatabase database = GlanceDatabase.open(settings)) {
            Optional<Image> restored = database.pendingDeletes().restore(id, Instant.now());
            if (restored.isEmpty()) {
                err.println("glance-manage: no image " + id + " is pending delete (never deleted with delayed_delete,"
                        + " or the scrubber already removed its data)");
                return GlanceManage.FAILED;
            }
            out.println("Restored image " + id + ": " + restored.get().status().wireName());
            return GlanceManage.OK;
        } catch (RuntimeException e) {
            err.println("glance-manage: image restore failed: " + e.getMessage());
            return GlanceManage.FAILED;
        }
    }
}

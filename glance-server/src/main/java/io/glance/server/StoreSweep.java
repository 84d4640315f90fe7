package io.glance.server;

import io.glance.adapters.db.DatabaseSettings;
import io.glance.adapters.db.GlanceDatabase;
import io.glance.adapters.store.LoadedStorePlugins;
import io.glance.adapters.store.PluginStoreRegistry;
import io.glance.application.OrphanSweeper;
import io.glance.application.SweepReport;
import io.glance.application.SweepSettings;
import io.glance.config.ConfigurationException;
import io.glance.config.OptionValues;
import io.glance.server.config.ServerSettings;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code glance-manage sweep [--delete] [--grace SECONDS]}: the orphan sweeper on demand, over the database and the
 * stores glance-api is configured with. Prints one line per orphan object, per active image whose data is gone and
 * per problem, as they are found, then a summary; deletes orphans only with {@code --delete}. Exit status 0 when
 * every store could be read, 1 when something could not be listed, checked or deleted.
 */
final class StoreSweep {
    static final String USAGE_TEXT = "usage: glance-manage sweep [--delete] [--grace SECONDS] [--sql_connection URL]"
            + " [--data_dir DIR] [--config-file FILE]";

    private StoreSweep() {
    }

    static int run(List<String> words, List<String> options, Map<String, String> environment, PrintStream out,
                   PrintStream err) {
        if (!words.isEmpty()) {
            err.println(USAGE_TEXT);
            return GlanceManage.USAGE;
        }
        boolean delete = options.remove("--delete");
        Duration grace = null;
        OptionValues values;
        try {
            int at = options.indexOf("--grace");
            if (at >= 0) {
                grace = seconds(at + 1 < options.size() ? options.get(at + 1) : null);
                options.subList(at, Math.min(at + 2, options.size())).clear();
            }
            values = HostOptions.load(options.toArray(String[]::new), environment, StoreSetup::configKeysIn);
        } catch (ConfigurationException e) {
            err.println("glance-manage: " + e.getMessage());
            err.println(USAGE_TEXT);
            return GlanceManage.USAGE;
        }
        ServerSettings server = ServerSettings.from(values);
        DatabaseSettings settings = DatabaseSettings.from(values, server.dataDir().resolve("db"))
                .withMigrateOnStart(false);
        Duration age = grace != null ? grace : SweepSettings.from(values).grace();
        try (LoadedStorePlugins plugins = StoreSetup.loadPlugins(server.pluginsDir());
             PluginStoreRegistry stores = StoreSetup.configureStores(server, values, plugins);
             GlanceDatabase database = GlanceDatabase.open(settings)) {
            SweepReport report = new OrphanSweeper(database.storedLocations(), stores, Clock.systemUTC())
                    .sweep(age, delete, out::println);
            out.println(report.summary());
            return report.problems().isEmpty() ? GlanceManage.OK : GlanceManage.FAILED;
        } catch (RuntimeException e) {
            err.println("glance-manage: sweep failed: " + e.getMessage());
            return GlanceManage.FAILED;
        }
    }

    private static Duration seconds(String value) {
        try {
            long seconds = Long.parseLong(value == null ? "" : value);
            if (seconds >= 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ConfigurationException("--grace needs a number of seconds (0 or more)"
                + (value == null ? "" : ", not '" + value + "'"));
    }
}

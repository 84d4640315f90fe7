package io.glance.server;

import io.glance.adapters.db.DatabaseSettings;
import io.glance.adapters.db.GlanceDatabase;
import io.glance.config.ConfigurationException;
import io.glance.config.OptionValues;
import io.glance.server.config.ServerSettings;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code glance-manage} command: {@code db sync} (alias {@code db_sync}) brings the schema of the database that
 * glance-api would use up to date; {@code db version} (alias {@code db_version}) prints its schema version. The
 * command words come first; the options after them are glance-api's ({@code --sql_connection}, {@code --data_dir},
 * {@code --config-file}, …), so both commands act on exactly the database glance-api is configured with.
 */
public final class GlanceManage {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final String USAGE_TEXT = "usage: glance-manage db sync|version [--sql_connection URL]"
            + " [--data_dir DIR] [--config-file FILE]";

    private GlanceManage() {
    }

    public static void main(String[] args) {
        LoggingSetup.configure(false);
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs one command; returns the exit code. */
    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        int firstOption = 0;
        while (firstOption < args.length && !args[firstOption].startsWith("--")) {
            firstOption++;
        }
        List<String> words = Arrays.asList(args).subList(0, firstOption);
        String command = String.join("_", words);
        if (!command.equals("db_sync") && !command.equals("db_version")) {
            err.println("glance-manage: unknown command '" + String.join(" ", words) + "'");
            err.println(USAGE_TEXT);
            return USAGE;
        }
        DatabaseSettings settings;
        try {
            OptionValues options = HostOptions.load(
                    Arrays.copyOfRange(args, firstOption, args.length), environment, StoreSetup::configKeysIn);
            settings = DatabaseSettings.from(options, ServerSettings.from(options).dataDir().resolve("db"))
                    .withMigrateOnStart(false);
        } catch (ConfigurationException e) {
            err.println("glance-manage: " + e.getMessage());
            return USAGE;
        }
        try (GlanceDatabase database = GlanceDatabase.open(settings)) {
            if (command.equals("db_sync")) {
                String before = database.schemaVersion();
                database.migrate();
                out.println("Database " + database.describe() + ": schema version " + before + " -> "
                        + database.schemaVersion());
            } else {
                out.println(database.schemaVersion());
            }
            return OK;
        } catch (RuntimeException e) {
            err.println("glance-manage: " + command.replace('_', ' ') + " failed: " + e.getMessage());
            return FAILED;
        }
    }
}

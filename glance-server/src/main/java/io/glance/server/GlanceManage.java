package io.glance.server;

import io.glance.adapters.db.DatabaseSettings;
import io.glance.adapters.db.GlanceDatabase;
import io.glance.config.ConfigurationException;
import io.glance.config.OptionValues;
import io.glance.server.config.ServerSettings;

import io.glance.ports.in.metadef.LoadResult;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code glance-manage} command: {@code db sync} (alias {@code db_sync}) brings the schema of the database that
 * glance-api would use up to date; {@code db version} (alias {@code db_version}) prints its schema version. The
 * command words come first; the options after them are glance-api's ({@code --sql_connection}, {@code --data_dir},
 * {@code --config-file}, …), so both commands act on exactly the database glance-api is configured with. A new
 * database gets the bundled metadata definitions from {@code db sync}; {@code db load_metadefs},
 * {@code unload_metadefs} and {@code export_metadefs} are {@link MetadefCommands}.
 */
public final class GlanceManage {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final String USAGE_TEXT = "usage: glance-manage sweep [--delete] [--grace SECONDS] | image restore ID | db sync|version|purge|compact|load_metadefs"
            + "|unload_metadefs|export_metadefs [--age_in_days N] [--max_rows N] [--path DIR] [--merge]"
            + " [--prefer_new] [--overwrite] [--sql_connection URL] [--data_dir DIR] [--config-file FILE]";

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
        if (!words.isEmpty() && words.get(0).equals("sweep")) {
            return StoreSweep.run(words.subList(1, words.size()),
                    new ArrayList<>(Arrays.asList(args).subList(firstOption, args.length)), environment, out, err);
        }
        if (!words.isEmpty() && words.get(0).equals("image")) {
            return ImageRestore.run(words.subList(1, words.size()),
                    new ArrayList<>(Arrays.asList(args).subList(firstOption, args.length)), environment, out, err);
        }
        // "db sync" and "db_sync" alike; words after the command are load_metadefs' positional arguments.
        int commandWords = !words.isEmpty() && words.get(0).equals("db") ? Math.min(2, words.size()) : 1;
        String command = String.join("_", words.subList(0, Math.min(commandWords, words.size())));
        List<String> positional = words.subList(Math.min(commandWords, words.size()), words.size());
        boolean metadefs = MetadefCommands.handles(command);
        if (!metadefs && !positional.isEmpty()) {
            command = String.join("_", words);
        }
        if (!metadefs && !DatabaseUpkeep.handles(command) && !command.equals("db_sync")
                && !command.equals("db_version")) {
            err.println("glance-manage: unknown command '" + String.join(" ", words) + "'");
            err.println(USAGE_TEXT);
            return USAGE;
        }
        List<String> optionArgs = new ArrayList<>(Arrays.asList(args).subList(firstOption, args.length));
        MetadefCommands.Flags flags;
        DatabaseUpkeep.Flags upkeep;
        DatabaseSettings settings;
        try {
            flags = metadefs ? metadefFlags(positional, optionArgs) : null;
            upkeep = DatabaseUpkeep.handles(command) ? DatabaseUpkeep.flags(optionArgs) : null;
            OptionValues options = HostOptions.load(optionArgs.toArray(String[]::new), environment,
                    StoreSetup::configKeysIn);
            settings = DatabaseSettings.from(options, ServerSettings.from(options).dataDir().resolve("db"))
                    .withMigrateOnStart(false);
        } catch (ConfigurationException e) {
            err.println("glance-manage: " + e.getMessage());
            return USAGE;
        }
        if (command.equals("db_compact")) {
            // Before any pool is open: an H2 file is compacted only by its sole user.
            return DatabaseUpkeep.compact(settings, out, err);
        }
        try (GlanceDatabase database = GlanceDatabase.open(settings)) {
            if (command.equals("db_purge")) {
                return DatabaseUpkeep.purge(database, upkeep, out);
            }
            if (command.equals("db_sync")) {
                String before = database.schemaVersion();
                database.migrate();
                out.println("Database " + database.describe() + ": schema version " + before + " -> "
                        + database.schemaVersion());
                if (before.equals("0")) {
                    LoadResult seeded = MetadefCommands.seed(database);
                    out.println("New database: loaded " + seeded.created().size()
                            + " metadata definition namespaces");
                }
            } else if (metadefs) {
                return MetadefCommands.run(command, flags, database, out, err);
            } else {
                out.println(database.schemaVersion());
            }
            return OK;
        } catch (RuntimeException | IOException e) {
            err.println("glance-manage: " + command.replace('_', ' ') + " failed: " + e.getMessage());
            return FAILED;
        }
    }

    /**
     * Takes {@code --path DIR}, {@code --merge}, {@code --prefer_new} and {@code --overwrite} (also spelled with '-')
     * out of {@code options}; Glance's legacy form gives them as words: {@code db_load_metadefs [path] [merge]
     * [prefer_new] [overwrite]}, any non-empty word meaning yes.
     */
    private static MetadefCommands.Flags metadefFlags(List<String> positional, List<String> options) {
        String path = positional.isEmpty() ? null : positional.get(0);
        boolean merge = positional.size() > 1 && !positional.get(1).isEmpty();
        boolean preferNew = positional.size() > 2 && !positional.get(2).isEmpty();
        boolean overwrite = positional.size() > 3 && !positional.get(3).isEmpty();
        for (int i = 0; i < options.size(); ) {
            String option = options.get(i).replace('-', '_');
            switch (option) {
                case "__merge" -> merge = true;
                case "__prefer_new" -> preferNew = true;
                case "__overwrite" -> overwrite = true;
                case "__path" -> {
                    if (i + 1 >= options.size()) {
                        throw new ConfigurationException("--path needs a file or directory");
                    }
                    path = options.remove(i + 1);
                }
                default -> {
                    if (option.startsWith("__path=")) {
                        path = options.get(i).substring("--path=".length());
                    } else {
                        i++;
                        continue;
                    }
                }
            }
            options.remove(i);
        }
        return new MetadefCommands.Flags(path == null ? null : Path.of(path), merge, preferNew, overwrite);
    }
}

package io.glance.server;

import io.glance.adapters.db.DatabaseAccessException;
import io.glance.adapters.db.DatabaseCompaction;
import io.glance.adapters.db.DatabaseSettings;
import io.glance.adapters.db.GlanceDatabase;
import io.glance.config.ConfigurationException;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code glance-manage db purge [--age_in_days N] [--max_rows N]} and {@code glance-manage db compact}. Purge takes
 * Glance's options and defaults (30 days, 100 rows; {@code --max_rows -1} purges all), counting images rather than
 * rows per table; it keeps the image rows, which reserve deleted ids.
 */
final class DatabaseUpkeep {
    static final int DEFAULT_AGE_IN_DAYS = 30;
    static final int DEFAULT_MAX_ROWS = 100;

    record Flags(int ageInDays, int maxRows) {
    }

    private DatabaseUpkeep() {
    }

    static boolean handles(String command) {
        return Set.of("db_purge", "db_compact").contains(command);
    }

    /** Takes {@code --age_in_days} and {@code --max_rows} (also {@code --x=N}, also with '-') out of the options. */
    static Flags flags(List<String> options) {
        int age = DEFAULT_AGE_IN_DAYS;
        int maxRows = DEFAULT_MAX_ROWS;
        for (int i = 0; i < options.size(); ) {
            String option = options.get(i).replace('-', '_');
            String name = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
            if (!name.equals("__age_in_days") && !name.equals("__max_rows")) {
                i++;
                continue;
            }
            String value;
            if (option.contains("=")) {
                value = options.get(i).substring(options.get(i).indexOf('=') + 1);
            } else if (i + 1 < options.size()) {
                value = options.remove(i + 1);
            } else {
                throw new ConfigurationException(name.replaceFirst("^__", "--") + " needs a number");
            }
            options.remove(i);
            if (name.equals("__age_in_days")) {
                age = number("--age_in_days", value, 0);
            } else {
                maxRows = number("--max_rows", value, -1);
                if (maxRows == 0) {
                    throw new ConfigurationException("--max_rows must be -1 (all) or at least 1, not 0");
                }
            }
        }
        return new Flags(age, maxRows);
    }

    private static int number(String option, String value, int min) {
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException(option + " must be a whole number of at least " + min + ", not '"
                + value + "'");
    }

    static int purge(GlanceDatabase database, Flags flags, PrintStream out) {
        Instant before = Instant.now().minus(Duration.ofDays(flags.ageInDays()));
        GlanceDatabase.PurgeResult result = database.purgeDeleted(before, flags.maxRows());
        StringBuilder rows = new StringBuilder();
        result.rows().forEach((table, count) -> rows.append(rows.isEmpty() ? "" : ", ").append(table).append(' ')
                .append(count));
        out.println("Purged " + result.images() + " images deleted before " + before + " (rows deleted: " + rows
                + "); their ids stay reserved");
        return GlanceManage.OK;
    }

    static int compact(DatabaseSettings settings, PrintStream out, PrintStream err) {
        try {
            out.println(DatabaseCompaction.compact(settings).map(DatabaseCompaction.Result::describe)
                    .orElse("Nothing to compact: " + settings.describe() + " does not exist yet"));
            return GlanceManage.OK;
        } catch (DatabaseAccessException e) {
            err.println("glance-manage: db compact failed: " + e.getMessage());
            return GlanceManage.FAILED;
        }
    }
}

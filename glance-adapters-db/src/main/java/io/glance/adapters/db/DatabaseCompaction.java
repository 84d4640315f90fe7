package io.glance.adapters.db;

import io.glance.config.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Gives the space of deleted data back to the file system. While glance-api runs, {@link H2OnlineCompaction} keeps
 * the H2 file within bounds; a full rewrite is {@code SHUTDOWN COMPACT}, which needs the database to
 * itself: glance-api does it at start before it opens its pool ({@code db_compact_on_start}), and
 * {@code glance-manage db compact} while glance-api is stopped (H2 locks its file, so a running glance-api makes
 * the command fail, saying so). On MariaDB {@code OPTIMIZE TABLE} rebuilds the image tables online.
 */
public final class DatabaseCompaction {
    public static final Option<Boolean> DB_COMPACT_ON_START = Option.bool("db_compact_on_start", true,
            "glance-api rewrites the embedded H2 file at start so the space of deleted rows is given back (takes"
                    + " about a second per 100 MB); no effect on MariaDB");
    /** The options this class reads. */
    public static final List<Option<?>> OPTIONS = List.of(DB_COMPACT_ON_START);
    static final List<String> IMAGE_TABLES = List.of("images", "image_properties", "image_tags", "image_locations",
            "image_members");

    /**
     * What a compaction did.
     *
     * @param database    the database, without credentials
     * @param bytesBefore the H2 file's size before, or -1 on MariaDB
     * @param bytesAfter  its size after, or -1 on MariaDB
     */
    public record Result(String database, long bytesBefore, long bytesAfter, Duration took) {
        public String describe() {
            return bytesBefore < 0 ? "optimized the image tables of " + database + " in " + took.toMillis() + " ms"
                    : "compacted " + database + ": " + bytesBefore + " -> " + bytesAfter + " bytes in "
                    + took.toMillis() + " ms";
        }
    }

    private DatabaseCompaction() {
    }

    /**
     * Compacts the database; nothing to do (empty) for an H2 file that does not exist yet or an in-memory H2.
     *
     * @throws DatabaseAccessException saying why it failed (e.g. the H2 file is in use by a running glance-api)
     */
    public static Optional<Result> compact(DatabaseSettings settings) {
        requireNonNull(settings, "settings is null");
        long start = System.nanoTime();
        String url = settings.jdbcUrl();
        if (JdbcUrls.isH2(url)) {
            Optional<Path> file = h2File(url);
            if (file.isEmpty() || !Files.exists(file.get())) {
                return Optional.empty();
            }
            long before = size(file.get());
            run(settings, List.of("SHUTDOWN COMPACT"));
            return Optional.of(new Result(settings.describe(), before, size(file.get()), since(start)));
        }
        run(settings, IMAGE_TABLES.stream().map(table -> "OPTIMIZE TABLE " + table).toList());
        return Optional.of(new Result(settings.describe(), -1, -1, since(start)));
    }

    /**
     * glance-api's start: compacts an H2 file (no other process can hold it, and the pool is not open yet); leaves
     * MariaDB alone, whose tables other nodes are using.
     */
    public static Optional<Result> compactAtStart(DatabaseSettings settings) {
        return JdbcUrls.isH2(settings.jdbcUrl()) ? compact(settings) : Optional.empty();
    }

    /** {@code jdbc:h2:file:/x/glance;...} is stored in {@code /x/glance.mv.db}; in-memory databases have no file. */
    static Optional<Path> h2File(String jdbcUrl) {
        String rest = jdbcUrl.substring("jdbc:h2:".length());
        int options = rest.indexOf(';');
        String name = options < 0 ? rest : rest.substring(0, options);
        if (name.toLowerCase(Locale.ROOT).startsWith("mem:")) {
            return Optional.empty();
        }
        if (name.toLowerCase(Locale.ROOT).startsWith("file:")) {
            name = name.substring("file:".length());
        }
        return Optional.of(Path.of(name + ".mv.db"));
    }

    private static void run(DatabaseSettings settings, List<String> statements) {
        try (Connection connection = settings.user() == null ? DriverManager.getConnection(settings.jdbcUrl())
                : DriverManager.getConnection(settings.jdbcUrl(), settings.user(),
                settings.password() == null ? "" : settings.password());
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            String hint = JdbcUrls.isH2(settings.jdbcUrl()) && (String.valueOf(e.getMessage()).contains("locked")
                    || String.valueOf(e.getMessage()).contains("already in use"))
                    ? " (the file is in use: stop glance-api first)" : "";
            throw new DatabaseAccessException("Failed to compact " + settings.describe() + hint + ": "
                    + e.getMessage(), e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}

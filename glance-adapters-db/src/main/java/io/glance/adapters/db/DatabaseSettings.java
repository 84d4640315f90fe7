package io.glance.adapters.db;

import io.glance.config.ConfigurationException;
import io.glance.config.Option;
import io.glance.config.OptionValues;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * How to reach the database and how to pool connections to it.
 *
 * @param jdbcUrl           a JDBC URL ({@code jdbc:mariadb://…}, {@code jdbc:h2:…;MODE=MariaDB})
 * @param user              the user, or {@code null} when the URL carries it (or H2 needs none)
 * @param password          the password, or {@code null}
 * @param maxPoolSize       the most connections open at once
 * @param connectionTimeout how long a request waits for a free connection before the database counts as unavailable;
 *                          on MariaDB also the driver's connect and socket timeouts (unless the URL sets
 *                          {@code connectTimeout} / {@code socketTimeout}), so that a hung server fails as fast
 * @param migrateOnStart    whether {@link GlanceDatabase#open} brings the schema up to date
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int maxPoolSize,
                               Duration connectionTimeout, boolean migrateOnStart) {
    public static final int DEFAULT_MAX_POOL_SIZE = 10;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(30);
    /** HikariCP refuses shorter timeouts. */
    public static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);

    public static final Option<String> SQL_CONNECTION = Option.text("sql_connection", null, "embedded H2",
            "database URL (JDBC, or Glance's `mysql+pymysql://user:pass@host/glance`)");
    public static final Option<Duration> SQL_CONNECTION_TIMEOUT = Option.seconds("sql_connection_timeout",
            DEFAULT_CONNECTION_TIMEOUT, MIN_CONNECTION_TIMEOUT,
            "seconds a request waits for a database connection before it fails with 503 (≥ 0.25)");
    public static final Option<Integer> SQL_MAX_POOL_SIZE = Option.integer("sql_max_pool_size",
            DEFAULT_MAX_POOL_SIZE, 1, Integer.MAX_VALUE, "most database connections this node opens");
    /** The options these settings are read from. */
    public static final List<Option<?>> OPTIONS = List.of(SQL_CONNECTION, SQL_CONNECTION_TIMEOUT, SQL_MAX_POOL_SIZE);

    public DatabaseSettings {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(connectionTimeout, "connectionTimeout is null");
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("Not a JDBC URL: " + JdbcUrls.withoutSecrets(jdbcUrl)
                    + " (use SqlConnectionUrl to convert Glance's sql_connection)");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1: " + maxPoolSize);
        }
        if (connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) < 0) {
            throw new IllegalArgumentException("connectionTimeout must be at least " + MIN_CONNECTION_TIMEOUT + ": "
                    + connectionTimeout);
        }
    }

    /**
     * The default database: an H2 file database at {@code <dataDir>/glance} (H2 adds {@code .mv.db}), created with its
     * directory on first start and migrated on open.
     */
    public static DatabaseSettings embeddedH2(Path dataDir) {
        requireNonNull(dataDir, "dataDir is null");
        Path file = dataDir.toAbsolutePath().normalize().resolve("glance");
        if (file.toString().contains(";")) {
            throw new IllegalArgumentException("H2 cannot use a data directory whose path contains ';': " + dataDir);
        }
        return new DatabaseSettings("jdbc:h2:file:" + file + JdbcUrls.H2_OPTIONS, "sa", "",
                DEFAULT_MAX_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT, true);
    }

    /**
     * Settings for Glance's {@code sql_connection} option: a JDBC URL or a SQLAlchemy URL such as
     * {@code mysql+pymysql://glance:secret@db:3306/glance} (see {@link SqlConnectionUrl}); pool defaults, migrated on
     * open.
     */
    public static DatabaseSettings fromSqlConnection(String sqlConnection) {
        SqlConnectionUrl url = SqlConnectionUrl.parse(sqlConnection);
        return new DatabaseSettings(url.jdbcUrl(), url.user(), url.password(), DEFAULT_MAX_POOL_SIZE,
                DEFAULT_CONNECTION_TIMEOUT, true);
    }

    /**
     * The database the options name: {@code sql_connection}, or without it the embedded H2 database in
     * {@code embeddedDataDir}; with {@code sql_max_pool_size} and {@code sql_connection_timeout}.
     *
     * @throws ConfigurationException naming the option and value
     */
    public static DatabaseSettings from(OptionValues values, Path embeddedDataDir) {
        String sqlConnection = values.get(SQL_CONNECTION);
        DatabaseSettings settings;
        if (sqlConnection == null || sqlConnection.isBlank()) {
            settings = embeddedH2(embeddedDataDir);
        } else {
            try {
                settings = fromSqlConnection(sqlConnection);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("Invalid sql_connection: " + e.getMessage(), e);
            }
        }
        return settings.withMaxPoolSize(values.get(SQL_MAX_POOL_SIZE))
                .withConnectionTimeout(values.get(SQL_CONNECTION_TIMEOUT));
    }

    public DatabaseSettings withMaxPoolSize(int value) {
        return new DatabaseSettings(jdbcUrl, user, password, value, connectionTimeout, migrateOnStart);
    }

    public DatabaseSettings withConnectionTimeout(Duration value) {
        return new DatabaseSettings(jdbcUrl, user, password, maxPoolSize, value, migrateOnStart);
    }

    public DatabaseSettings withMigrateOnStart(boolean value) {
        return new DatabaseSettings(jdbcUrl, user, password, maxPoolSize, connectionTimeout, value);
    }

    /** The URL without credentials, for logs and error messages. */
    public String describe() {
        return JdbcUrls.withoutSecrets(jdbcUrl);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + describe() + ", user=" + user + ", password="
                + (password == null ? null : "***") + ", maxPoolSize=" + maxPoolSize + ", connectionTimeout="
                + connectionTimeout + ", migrateOnStart=" + migrateOnStart + "]";
    }
}

package io.glance.server;

import io.glance.adapters.db.DatabaseSettings;
import io.glance.server.config.ConfigurationException;
import io.glance.server.config.GlanceOptions;

/** Chooses the database: the embedded H2 file database under {@code data_dir/db}, or {@code sql_connection}. */
final class DatabaseSetup {

    private DatabaseSetup() {
    }

    /** With the pool size and connection timeout of {@code sql_max_pool_size} and {@code sql_connection_timeout}. */
    static DatabaseSettings settings(GlanceOptions options) {
        return chooseDatabase(options).withMaxPoolSize(options.sqlMaxPoolSize())
                .withConnectionTimeout(options.sqlConnectionTimeout());
    }

    private static DatabaseSettings chooseDatabase(GlanceOptions options) {
        if (options.sqlConnection() == null || options.sqlConnection().isBlank()) {
            return DatabaseSettings.embeddedH2(options.dataDir().resolve("db"));
        }
        try {
            return DatabaseSettings.fromSqlConnection(options.sqlConnection());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid sql_connection: " + e.getMessage(), e);
        }
    }

    static String describe(DatabaseSettings settings) {
        return settings.describe();
    }
}

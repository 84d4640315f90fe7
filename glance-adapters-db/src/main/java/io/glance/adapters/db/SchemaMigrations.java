package io.glance.adapters.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

import javax.sql.DataSource;

/** The Flyway migrations under {@code db/migration}; the same files serve H2 and MariaDB. */
final class SchemaMigrations {
    static final String NO_VERSION = "0";

    private final Flyway flyway;

    SchemaMigrations(DataSource dataSource) {
        this.flyway = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                // A database that already holds tables but no history is someone else's: refuse rather than adopt.
                .baselineOnMigrate(false)
                .load();
    }

    void migrate() {
        flyway.migrate();
    }

    /** The version of the last applied migration, or {@value #NO_VERSION} when none was applied. */
    String currentVersion() {
        MigrationInfo current = flyway.info().current();
        return current == null || current.getVersion() == null ? NO_VERSION : current.getVersion().getVersion();
    }
}

package io.glance.adapters.db;

import org.junit.jupiter.api.AfterEach;

import java.sql.SQLException;

/**
 * The content index contract on a real MariaDB named by {@code -Dglance.test.mariadb.url} (a database of its own per
 * test); skipped, test by test, when none is named.
 */
class MariaDbContentIndexTest extends ContentIndexContractTest {
    private final MariaDbTestDatabases databases = new MariaDbTestDatabases();

    @Override
    protected GlanceDatabase openDatabase() throws SQLException {
        return GlanceDatabase.open(databases.create());
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        if (database() != null) {
            database().close();
        }
        databases.dropLast();
    }
}

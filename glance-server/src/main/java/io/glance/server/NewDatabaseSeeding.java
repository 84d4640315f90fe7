package io.glance.server;

import io.glance.adapters.db.DatabaseSettings;
import io.glance.adapters.db.GlanceDatabase;
import io.glance.ports.in.metadef.LoadResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.logging.Logger;

/**
 * Opens glance-api's database; when the settings ask for migrations and the database was new (no schema at all),
 * loads the bundled metadata definitions after creating the schema, as devstack runs {@code db_load_metadefs} right
 * after {@code db_sync}: a fresh server then has resource types, which Horizon and Tempest expect.
 */
final class NewDatabaseSeeding {
    private static final Logger LOG = Logger.getLogger(NewDatabaseSeeding.class.getName());

    private NewDatabaseSeeding() {
    }

    static GlanceDatabase open(DatabaseSettings settings) {
        if (!settings.migrateOnStart()) {
            return GlanceDatabase.open(settings);
        }
        GlanceDatabase database = GlanceDatabase.open(settings.withMigrateOnStart(false));
        try {
            String before = database.schemaVersion();
            database.migrate();
            if (before.equals("0")) {
                LoadResult seeded = MetadefCommands.seed(database);
                LOG.info("New database: loaded " + seeded.created().size() + " metadata definition namespaces");
            }
            return database;
        } catch (IOException e) {
            database.close();
            throw new UncheckedIOException("Cannot load the bundled metadata definitions into the new database", e);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }
}

package io.glance.adapters.db;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The content index contract on the embedded default: a fresh H2 file database per test. */
class H2ContentIndexTest extends ContentIndexContractTest {

    @TempDir
    Path dataDir;

    @Override
    protected GlanceDatabase openDatabase() {
        return GlanceDatabase.open(DatabaseSettings.embeddedH2(dataDir));
    }
}
